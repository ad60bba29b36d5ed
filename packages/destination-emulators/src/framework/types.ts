/** A request budget: a token bucket of `requests` tokens that refills completely every `perSeconds`. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

/**
 * Faults injected into vendor API requests (never into `/__control`), drawn from a PRNG seeded with `seed`
 * (default 1), so the same requests in the same order meet the same faults. Rates are probabilities 0–1,
 * tried in the order timeout, error, throttle. Injected answers use the vendor's own shapes.
 */
export interface Faults {
  /** Share of requests answered with the vendor's transient server error. */
  errorRate?: number;
  /** Share of requests answered with the vendor's throttle signal (on top of real rate limiting). */
  throttleRate?: number;
  /** Share of requests never answered: the connection hangs until the client gives up. */
  timeoutRate?: number;
  /** Delay before every request is handled. */
  latencyMs?: number;
  /** The wait an injected throttle answer asks for (default 1000 ms). */
  throttleRetryAfterMs?: number;
  seed?: number;
}

export interface EmulatorStats {
  /** Vendor API requests received (control requests excluded). */
  requests: number;
  /** Requests answered with the throttle signal, by the rate limit or by an injected fault. */
  throttled: number;
  /** Requests refused for exceeding a per-request limit, such as rows per request. */
  rejectedByLimit: number;
  /** Requests answered with an injected server error. */
  injectedErrors: number;
  /** Requests left hanging by an injected time-out. */
  timedOut: number;
  /** Access tokens the emulator's token endpoint issued (vendors with one). */
  tokensIssued: number;
  /** Answers by HTTP status, e.g. `{ "200": 12, "429": 2 }`. */
  byStatus: Record<string, number>;
  /** Accepted membership changes not applied yet (see `flush`). */
  pendingChanges: number;
}

/** An object (audience, list, …) of an emulated vendor. */
export interface EmulatedObject {
  id: string;
  name: string;
}

/** A started emulator: its URL, and in-process the same controls as its `/__control` routes. */
export interface RunningEmulator {
  /** Which vendor it emulates, e.g. `facebook`. */
  readonly name: string;
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:7101`. */
  readonly url: string;
  readonly port: number;
  /** The identifiers currently applied in the object, sorted; empty for an unknown object. */
  members(objectId: string): string[];
  objects(): EmulatedObject[];
  /** Applies every accepted change now, in the order accepted; returns how many were applied. */
  flush(): number;
  /** Replaces the injected faults (omitted rates are 0) and reseeds the PRNG. */
  setFaults(faults: Faults): void;
  /** Replaces the rate limit, starting from a full bucket; null turns rate limiting off. */
  setRateLimit(limit: RateLimit | null): void;
  /** Moves the emulator's clock (rate limits, reported wait times) forward without waiting. */
  advanceClock(ms: number): void;
  stats(): EmulatorStats;
  /** Back to the state right after start: no objects beyond the configured ones, default limits, no faults. */
  reset(): void;
  /** Stops listening and drops open connections, hanging requests included. */
  close(): Promise<void>;
}

/** Where an emulator listens and how it behaves; every vendor starter takes these. */
export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default: the vendor's documented limit. */
  rateLimit?: RateLimit | null;
  /**
   * When accepted membership changes are applied, for vendors that accept first and apply later: after this
   * many milliseconds, or (null) only on `flush`. Default null, so tests decide when changes land.
   */
  applyDelayMs?: number | null;
  faults?: Faults;
}
