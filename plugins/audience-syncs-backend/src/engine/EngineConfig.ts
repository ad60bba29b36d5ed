import { DEFAULT_RETRY_POLICY, RetryPolicy } from './BatchSender';
import { RemovalGuardLimits } from './RemovalGuard';

/** The engine's limits, from `audienceSyncs.engine` (and `audienceSyncs.removalGuard`). */
export interface EngineConfig {
  /** How often each instance's dispatcher recovers, queues and claims runs. */
  tickMs: number;
  /** How long a claimed sync stays an instance's without a heartbeat. */
  leaseMs: number;
  /** How often a running sync's lease is renewed. */
  heartbeatMs: number;
  /** Runs one instance executes at once. */
  concurrentRuns: number;
  retry: RetryPolicy;
  /** Row errors kept per run for the detail page; the rest are only counted. */
  errorSampleSize: number;
  removalGuard: RemovalGuardLimits;
}

/** Some of the limits; the others keep their defaults. */
export type EngineSettings = Partial<
  Omit<EngineConfig, 'retry' | 'removalGuard'>
> & {
  retry?: Partial<RetryPolicy>;
  removalGuard?: Partial<EngineConfig['removalGuard']>;
};

const DEFAULT_LEASE_MS = 60_000;

/**
 * The limits with defaults for what `settings` leaves out: a tick every 5 seconds, a 60-second lease
 * renewed every third of it, 4 runs per instance, 100 sampled errors per run, and the removal guard
 * holding runs that remove more than 20% and more than 25 members, which a sync may loosen up to 50% and
 * 1,000 members (or the defaults, where those are higher).
 */
export function engineConfig(settings: EngineSettings = {}): EngineConfig {
  const leaseMs = settings.leaseMs ?? DEFAULT_LEASE_MS;
  return {
    tickMs: settings.tickMs ?? 5_000,
    leaseMs,
    // Three renewals fit in a lease: one lost to a slow database does not lose the sync.
    heartbeatMs: settings.heartbeatMs ?? leaseMs / 3,
    concurrentRuns: settings.concurrentRuns ?? 4,
    retry: { ...DEFAULT_RETRY_POLICY, ...settings.retry },
    errorSampleSize: settings.errorSampleSize ?? 100,
    removalGuard: removalGuardLimits(settings.removalGuard),
  };
}

function removalGuardLimits(
  settings: Partial<RemovalGuardLimits> = {},
): RemovalGuardLimits {
  const maxShare = settings.maxShare ?? 0.2;
  const minRemovals = settings.minRemovals ?? 25;
  return {
    maxShare,
    minRemovals,
    maxShareLimit: settings.maxShareLimit ?? Math.max(0.5, maxShare),
    minRemovalsLimit: settings.minRemovalsLimit ?? Math.max(1000, minRemovals),
  };
}
