import { Request, RequestHandler, Response } from 'express';
import { EmulatorClock } from './EmulatorClock';
import { MembershipLedger } from './MembershipLedger';
import { StatsRecorder } from './StatsRecorder';
import { TokenBucket } from './TokenBucket';
import { EmulatedObject } from './types';

/** What the framework shares with a vendor's API. */
export interface EmulatorContext {
  readonly ledger: MembershipLedger;
  readonly clock: EmulatorClock;
  readonly bucket: TokenBucket;
  readonly stats: StatsRecorder;
}

/** One vendor's API, mounted by the framework behind its fault injection and rate limit. */
export interface VendorApi {
  /** Runs before faults and the rate limit: requests it refuses (bad credentials) cost no quota. */
  authenticate: RequestHandler;
  /** The vendor's endpoints. Request bodies arrive parsed (JSON or form), the raw bytes in `rawBody`. */
  router: RequestHandler;
  objects(): EmulatedObject[];
  /** Answers with the vendor's throttle signal: its status, body and headers. */
  throttled(req: Request, res: Response, retryAfterMs: number): void;
  /** Answers with one of the vendor's transient server errors; `random` picks among several. */
  serverError(req: Request, res: Response, random: () => number): void;
  /** Answers a path the vendor does not serve. */
  notFound(req: Request, res: Response): void;
  /** Answers a body that could not be parsed. */
  badRequest(req: Request, res: Response, message: string): void;
  /** Requests outside the rate limit: another quota than the one emulated (e.g. status reads). */
  unmetered?(req: Request): boolean;
  /** Forgets created objects and other vendor state (the ledger is reset by the framework). */
  reset(): void;
}

export interface VendorDefinition {
  name: string;
  /** The vendor's documented request budget. */
  rateLimit: { requests: number; perSeconds: number } | null;
  /** Whether membership changes are applied on acceptance (the vendor processes them synchronously). */
  appliesSynchronously?: boolean;
  api(context: EmulatorContext): VendorApi;
}

/** The raw request body, kept by the body parsers for signature checks. */
export function rawBodyOf(req: Request): Buffer {
  return (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
}
