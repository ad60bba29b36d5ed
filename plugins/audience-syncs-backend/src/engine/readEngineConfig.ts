import { Config } from '@backstage/config';
import { EngineConfig, engineConfig, EngineSettings } from './EngineConfig';

/** One optional numeric key. Strings that hold a number count (environment substitutions are strings). */
class Setting {
  readonly #key: string;
  readonly #value: unknown;

  constructor(config: Config, key: string) {
    this.#key = key;
    this.#value = config.getOptional(key);
  }

  wholeNumber(min: number, expected = `a whole number >= ${min}`) {
    return this.check(
      value => Number.isInteger(value) && value >= min,
      expected,
    );
  }

  check(valid: (value: number) => boolean, expected: string) {
    if (this.#value === undefined) return undefined;
    const value = toNumber(this.#value);
    if (value === undefined || !valid(value)) {
      throw new Error(
        `${this.#key}: must be ${expected}, got ${JSON.stringify(this.#value)}`,
      );
    }
    return value;
  }
}

/**
 * Reads `audienceSyncs.engine` and `audienceSyncs.removalGuard`, with the defaults of `engineConfig` for
 * what is not set. A bad value stops the backend with a message naming its key.
 */
export function readEngineConfig(config: Config): EngineConfig {
  const at = (key: string) => new Setting(config, key);
  const settings: EngineSettings = {};

  const tick = at('audienceSyncs.engine.tickSeconds').wholeNumber(
    1,
    'a whole number of seconds >= 1',
  );
  if (tick !== undefined) settings.tickMs = tick * 1000;

  const lease = at('audienceSyncs.engine.leaseSeconds').wholeNumber(
    10,
    'a whole number of seconds >= 10',
  );
  if (lease !== undefined) settings.leaseMs = lease * 1000;

  const leaseSeconds = (settings.leaseMs ?? engineConfig().leaseMs) / 1000;
  const heartbeat = at('audienceSyncs.engine.heartbeatSeconds').check(
    value => value > 0 && value < leaseSeconds,
    `a number of seconds more than 0 and less than leaseSeconds (${leaseSeconds})`,
  );
  if (heartbeat !== undefined) settings.heartbeatMs = heartbeat * 1000;

  settings.concurrentRuns = at(
    'audienceSyncs.engine.concurrentRuns',
  ).wholeNumber(1);
  settings.errorSampleSize = at(
    'audienceSyncs.engine.errorSampleSize',
  ).wholeNumber(0);

  const baseDelayMs = at('audienceSyncs.engine.retry.baseDelayMs').wholeNumber(
    1,
  );
  const minMaxDelay = baseDelayMs ?? engineConfig().retry.baseDelayMs;
  settings.retry = {
    maxAttempts: at('audienceSyncs.engine.retry.attempts').wholeNumber(1),
    baseDelayMs,
    maxDelayMs: at('audienceSyncs.engine.retry.maxDelayMs').wholeNumber(
      minMaxDelay,
      `a whole number >= baseDelayMs (${minMaxDelay})`,
    ),
    maxThrottleWaits: at(
      'audienceSyncs.engine.retry.throttleWaits',
    ).wholeNumber(0),
  };

  const maxShare = at('audienceSyncs.removalGuard.maxShare').check(
    value => value > 0 && value <= 1,
    'more than 0 and at most 1',
  );
  const minRemovals = at('audienceSyncs.removalGuard.minRemovals').wholeNumber(
    0,
    'a whole number, 0 or more',
  );
  const defaultShare = maxShare ?? engineConfig().removalGuard.maxShare;
  const defaultMinimum = minRemovals ?? engineConfig().removalGuard.minRemovals;
  settings.removalGuard = {
    maxShare,
    minRemovals,
    maxShareLimit: at('audienceSyncs.removalGuard.maxShareLimit').check(
      value => value >= defaultShare && value <= 1,
      `at least maxShare (${defaultShare}) and at most 1`,
    ),
    minRemovalsLimit: at(
      'audienceSyncs.removalGuard.minRemovalsLimit',
    ).wholeNumber(
      defaultMinimum,
      `a whole number >= minRemovals (${defaultMinimum})`,
    ),
  };
  return engineConfig(withoutUnset(settings));
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Drops the keys left undefined, so that `engineConfig`'s defaults apply to them. */
function withoutUnset(settings: EngineSettings): EngineSettings {
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(
      Object.entries(o).filter(([, v]) => v !== undefined),
    ) as T;
  return defined({
    ...settings,
    retry: settings.retry && defined(settings.retry),
    removalGuard: settings.removalGuard && defined(settings.removalGuard),
  });
}
