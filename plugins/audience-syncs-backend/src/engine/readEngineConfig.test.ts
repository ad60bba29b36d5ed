import { ConfigReader } from '@backstage/config';
import { RemovalGuard } from './RemovalGuard';
import { readEngineConfig } from './readEngineConfig';

const read = (audienceSyncs: object) =>
  readEngineConfig(new ConfigReader({ audienceSyncs }));
const engine = (settings: object) => read({ engine: settings });

describe('readEngineConfig', () => {
  it("defaults to today's limits when nothing is configured", () => {
    expect(readEngineConfig(new ConfigReader({}))).toEqual({
      tickMs: 5_000,
      leaseMs: 60_000,
      heartbeatMs: 20_000,
      concurrentRuns: 4,
      retry: {
        maxAttempts: 6,
        baseDelayMs: 500,
        maxDelayMs: 60_000,
        maxThrottleWaits: 50,
      },
      errorSampleSize: 100,
      removalGuard: {
        maxShare: 0.2,
        minRemovals: 25,
        maxShareLimit: 0.5,
        minRemovalsLimit: 1000,
      },
    });
  });

  it('reads every key, numbers written as strings included (environment substitutions)', () => {
    expect(
      read({
        engine: {
          tickSeconds: 2,
          leaseSeconds: '30',
          heartbeatSeconds: 7.5,
          concurrentRuns: 8,
          errorSampleSize: 0,
          retry: {
            attempts: 3,
            baseDelayMs: 100,
            maxDelayMs: 100,
            throttleWaits: 0,
          },
        },
        removalGuard: {
          maxShare: 0.5,
          minRemovals: 0,
          maxShareLimit: '0.8',
          minRemovalsLimit: 5000,
        },
      }),
    ).toEqual({
      tickMs: 2_000,
      leaseMs: 30_000,
      heartbeatMs: 7_500,
      concurrentRuns: 8,
      retry: {
        maxAttempts: 3,
        baseDelayMs: 100,
        maxDelayMs: 100,
        maxThrottleWaits: 0,
      },
      errorSampleSize: 0,
      removalGuard: {
        maxShare: 0.5,
        minRemovals: 0,
        maxShareLimit: 0.8,
        minRemovalsLimit: 5000,
      },
    });
  });

  it('renews a shorter lease every third of it unless told otherwise', () => {
    expect(engine({ leaseSeconds: 30 })).toMatchObject({
      leaseMs: 30_000,
      heartbeatMs: 10_000,
    });
  });

  it('keeps the defaults of the retry keys left out', () => {
    expect(engine({ retry: { attempts: 2 } }).retry).toEqual({
      maxAttempts: 2,
      baseDelayMs: 500,
      maxDelayMs: 60_000,
      maxThrottleWaits: 50,
    });
  });

  it.each([
    [
      { tickSeconds: 0 },
      'audienceSyncs.engine.tickSeconds: must be a whole number of seconds >= 1, got 0',
    ],
    [
      { tickSeconds: 2.5 },
      'audienceSyncs.engine.tickSeconds: must be a whole number of seconds >= 1, got 2.5',
    ],
    [
      { leaseSeconds: -1 },
      'audienceSyncs.engine.leaseSeconds: must be a whole number of seconds >= 10, got -1',
    ],
    [
      { leaseSeconds: 'soon' },
      'audienceSyncs.engine.leaseSeconds: must be a whole number of seconds >= 10, got "soon"',
    ],
    [
      { heartbeatSeconds: 60 },
      'audienceSyncs.engine.heartbeatSeconds: must be a number of seconds more than 0 and less than leaseSeconds (60), got 60',
    ],
    [
      { leaseSeconds: 20, heartbeatSeconds: 25 },
      'audienceSyncs.engine.heartbeatSeconds: must be a number of seconds more than 0 and less than leaseSeconds (20), got 25',
    ],
    [
      { heartbeatSeconds: 0 },
      'audienceSyncs.engine.heartbeatSeconds: must be a number of seconds more than 0 and less than leaseSeconds (60), got 0',
    ],
    [
      { concurrentRuns: 0 },
      'audienceSyncs.engine.concurrentRuns: must be a whole number >= 1, got 0',
    ],
    [
      { errorSampleSize: -5 },
      'audienceSyncs.engine.errorSampleSize: must be a whole number >= 0, got -5',
    ],
    [
      { retry: { attempts: 0 } },
      'audienceSyncs.engine.retry.attempts: must be a whole number >= 1, got 0',
    ],
    [
      { retry: { baseDelayMs: 0 } },
      'audienceSyncs.engine.retry.baseDelayMs: must be a whole number >= 1, got 0',
    ],
    [
      { retry: { maxDelayMs: 100 } },
      'audienceSyncs.engine.retry.maxDelayMs: must be a whole number >= baseDelayMs (500), got 100',
    ],
    [
      { retry: { baseDelayMs: 50, maxDelayMs: 40 } },
      'audienceSyncs.engine.retry.maxDelayMs: must be a whole number >= baseDelayMs (50), got 40',
    ],
    [
      { retry: { throttleWaits: -1 } },
      'audienceSyncs.engine.retry.throttleWaits: must be a whole number >= 0, got -1',
    ],
  ])('refuses %j', (settings, message) => {
    expect(() => engine(settings)).toThrow(message);
  });

  it('reads the removal guard where it always was, refusing nonsense', () => {
    const guard = (removalGuard: object) =>
      RemovalGuard.create(read({ removalGuard }).removalGuard);
    expect(
      guard({ maxShare: 0.5, minRemovals: 0 }).check(
        { departed: 6, rekeyed: 0 },
        10,
      ),
    ).toMatch(/60%/);
    expect(() => read({ removalGuard: { maxShare: 1.5 } })).toThrow(
      'audienceSyncs.removalGuard.maxShare: must be more than 0 and at most 1, got 1.5',
    );
    expect(() => read({ removalGuard: { minRemovals: -1 } })).toThrow(
      'audienceSyncs.removalGuard.minRemovals: must be a whole number, 0 or more, got -1',
    );
  });

  it('reads how far a sync may loosen the guard: never below the defaults', () => {
    // Defaults above the built-in limits raise them.
    expect(read({ removalGuard: { maxShare: 0.7 } }).removalGuard).toEqual({
      maxShare: 0.7,
      minRemovals: 25,
      maxShareLimit: 0.7,
      minRemovalsLimit: 1000,
    });
    expect(() =>
      read({ removalGuard: { maxShare: 0.3, maxShareLimit: 0.25 } }),
    ).toThrow(
      'audienceSyncs.removalGuard.maxShareLimit: must be at least maxShare (0.3) and at most 1, got 0.25',
    );
    expect(() => read({ removalGuard: { maxShareLimit: 2 } })).toThrow(
      'audienceSyncs.removalGuard.maxShareLimit: must be at least maxShare (0.2) and at most 1, got 2',
    );
    expect(() => read({ removalGuard: { minRemovalsLimit: 10 } })).toThrow(
      'audienceSyncs.removalGuard.minRemovalsLimit: must be a whole number >= minRemovals (25), got 10',
    );
  });
});
