import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** A scheduled run that has not started this long after it was due is late (the dispatcher may be down). */
export const LATE_RUN_GRACE_MS = 15 * 60_000;

/** A sync someone should look at, why, and since when. */
export interface SyncNeedingAttention {
  sync: AudienceSync;
  reason: string;
  /** When the condition began (ISO 8601), where known. */
  since: string | null;
}

function reasonFor(
  sync: AudienceSync,
  now: number,
): Omit<SyncNeedingAttention, 'sync'> | undefined {
  const run = sync.latestRun;
  if (run?.status === 'held') {
    return {
      reason: `Run #${
        run.id
      } is held for approval: it would remove ${run.planned.removes.toLocaleString(
        'en-US',
      )} members`,
      since: run.startedAt ?? run.queuedAt,
    };
  }
  if (sync.status === 'errored') {
    return {
      reason: run?.error
        ? `Errored after failed runs: ${run.error}`
        : 'Errored after failed runs',
      since: run?.finishedAt ?? null,
    };
  }
  if (run?.status === 'failed' || run?.status === 'partial') {
    const what =
      run.status === 'failed'
        ? 'failed'
        : `partly failed (${run.failed.toLocaleString('en-US')} rows rejected)`;
    return {
      reason: `Run #${run.id} ${what}${run.error ? `: ${run.error}` : ''}`,
      since: run.finishedAt,
    };
  }
  const due = sync.nextRunAt ? Date.parse(sync.nextRunAt) : NaN;
  const waiting = run?.status === 'queued' || run?.status === 'running';
  if (sync.status === 'active' && !waiting && now - due > LATE_RUN_GRACE_MS) {
    return {
      reason: 'Its scheduled run has not started',
      since: sync.nextRunAt,
    };
  }
  return undefined;
}

/**
 * The syncs that need someone: held for approval first (nothing moves until a person decides), then errored,
 * failing, and late, each group newest first.
 */
export function syncsNeedingAttention(
  syncs: AudienceSync[],
  now: number = Date.now(),
): SyncNeedingAttention[] {
  return syncs
    .map(sync => ({ sync, ...reasonFor(sync, now) }))
    .filter((item): item is SyncNeedingAttention => item.reason !== undefined)
    .sort(
      (a, b) =>
        rank(a) - rank(b) || (b.since ?? '').localeCompare(a.since ?? ''),
    );
}

function rank({ sync }: SyncNeedingAttention): number {
  if (sync.latestRun?.status === 'held') return 0;
  if (sync.status === 'errored') return 1;
  if (sync.latestRun?.status === 'failed') return 2;
  if (sync.latestRun?.status === 'partial') return 3;
  return 4;
}
