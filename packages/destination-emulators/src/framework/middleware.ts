import {
  ErrorRequestHandler,
  Request,
  RequestHandler,
  Response,
} from 'express';
import { IncomingMessage } from 'node:http';
import { FaultInjector } from './FaultInjector';
import { StatsRecorder } from './StatsRecorder';
import { TokenBucket } from './TokenBucket';
import { VendorApi } from './VendorApi';

/** Keeps the raw body beside the parsed one, for signature checks. */
export function keepRawBody(
  req: IncomingMessage,
  _res: unknown,
  buffer: Buffer,
) {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buffer;
}

/** Counts vendor requests and their answers by status. */
export function countRequests(stats: StatsRecorder): RequestHandler {
  return (_req, res, next) => {
    stats.count('requests');
    res.on('finish', () => stats.status(res.statusCode));
    next();
  };
}

/** Delays, hangs, fails or throttles a request as the fault injector decides, in the vendor's shapes. */
export function injectFaults(
  faults: FaultInjector,
  api: VendorApi,
  stats: StatsRecorder,
  delays: Set<NodeJS.Timeout>,
): RequestHandler {
  return (req, res, next) => {
    const decision = faults.decide();
    const act = () => {
      switch (decision.kind) {
        case 'timeout':
          // Never answered: the client's time-out (or close()) ends it.
          stats.count('timedOut');
          return;
        case 'error':
          stats.count('injectedErrors');
          api.serverError(req, res, () => faults.random());
          return;
        case 'throttle':
          stats.count('throttled');
          api.throttled(req, res, decision.retryAfterMs);
          return;
        default:
          next();
      }
    };
    if (decision.latencyMs > 0) {
      const delay = setTimeout(() => {
        delays.delete(delay);
        act();
      }, decision.latencyMs);
      delays.add(delay);
    } else {
      act();
    }
  };
}

/** The vendor's rate limit: a request without a token gets the vendor's throttle answer. */
export function limitRate(
  bucket: TokenBucket,
  api: VendorApi,
  stats: StatsRecorder,
): RequestHandler {
  return (req, res, next) => {
    if (api.unmetered?.(req)) {
      next();
      return;
    }
    const taken = bucket.take();
    if (taken.ok) {
      next();
      return;
    }
    stats.count('throttled');
    api.throttled(req, res, taken.retryAfterMs);
  };
}

/** Body-parser failures answered the vendor way; anything else is an emulator bug and says so. */
export function handleErrors(
  api: VendorApi,
  stats: StatsRecorder,
): ErrorRequestHandler {
  return (error, req: Request, res: Response, _next) => {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      stats.count('rejectedByLimit');
      api.badRequest(req, res, 'The request body is too large');
    } else if (type === 'entity.parse.failed') {
      api.badRequest(req, res, 'The request body is not valid JSON');
    } else {
      // An emulator bug, not a vendor behaviour: say so rather than pass it off as a vendor error.
      res
        .status(500)
        .json({ emulatorError: (error as Error).stack ?? String(error) });
    }
  };
}
