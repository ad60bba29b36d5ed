import { seededRandom } from './seededRandom';
import { Faults } from './types';

export type FaultKind = 'none' | 'timeout' | 'error' | 'throttle';

export interface FaultDecision {
  kind: FaultKind;
  latencyMs: number;
  /** For a throttle: the wait to ask for. */
  retryAfterMs: number;
}

const DEFAULT_SEED = 1;

/** Decides, request by request and reproducibly from the seed, which injected fault (if any) a request meets. */
export class FaultInjector {
  #faults: Required<Faults> = normalize({});
  #random: () => number = seededRandom(DEFAULT_SEED);

  static create(faults: Faults = {}) {
    const injector = new FaultInjector();
    injector.set(faults);
    return injector;
  }

  private constructor() {}

  get faults(): Required<Faults> {
    return { ...this.#faults };
  }

  /** Replaces every fault setting and restarts the PRNG from the seed. */
  set(faults: Faults): void {
    this.#faults = normalize(faults);
    this.#random = seededRandom(this.#faults.seed);
  }

  decide(): FaultDecision {
    const { timeoutRate, errorRate, throttleRate, latencyMs } = this.#faults;
    const retryAfterMs = this.#faults.throttleRetryAfterMs;
    // One draw per request, even when no fault is set, so a sequence depends only on seed and request order.
    const draw = this.#random();
    let kind: FaultKind = 'none';
    if (draw < timeoutRate) kind = 'timeout';
    else if (draw < timeoutRate + errorRate) kind = 'error';
    else if (draw < timeoutRate + errorRate + throttleRate) kind = 'throttle';
    return { kind, latencyMs, retryAfterMs };
  }

  /** The same PRNG, for vendors that pick among several injected error shapes. */
  random(): number {
    return this.#random();
  }
}

function normalize(faults: Faults): Required<Faults> {
  for (const key of ['errorRate', 'throttleRate', 'timeoutRate'] as const) {
    const rate = faults[key];
    if (
      rate !== undefined &&
      (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
    ) {
      throw new RangeError(`${key}: must be a number from 0 to 1`);
    }
  }
  if (
    faults.latencyMs !== undefined &&
    (typeof faults.latencyMs !== 'number' || !(faults.latencyMs >= 0))
  ) {
    throw new RangeError('latencyMs: must be a number of milliseconds >= 0');
  }
  if (
    faults.throttleRetryAfterMs !== undefined &&
    (typeof faults.throttleRetryAfterMs !== 'number' ||
      !(faults.throttleRetryAfterMs >= 0))
  ) {
    throw new RangeError(
      'throttleRetryAfterMs: must be a number of milliseconds >= 0',
    );
  }
  if (faults.seed !== undefined && !Number.isInteger(faults.seed)) {
    throw new RangeError('seed: must be a whole number');
  }
  return {
    errorRate: faults.errorRate ?? 0,
    throttleRate: faults.throttleRate ?? 0,
    timeoutRate: faults.timeoutRate ?? 0,
    latencyMs: faults.latencyMs ?? 0,
    throttleRetryAfterMs: faults.throttleRetryAfterMs ?? 1000,
    seed: faults.seed ?? DEFAULT_SEED,
  };
}
