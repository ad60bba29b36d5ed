/**
 * The signals channel on which the backend announces changes to syncs and their runs, so that open
 * pages refresh at once instead of polling.
 *
 * @public
 */
export const AUDIENCE_SYNCS_SIGNAL_CHANNEL = 'audience-syncs:syncs';

/**
 * What changed: a run was queued, started, made progress, was held for approval or finished; the sync
 * was created, edited, paused or resumed, or deleted.
 *
 * @public
 */
export type SyncSignalChange =
  | 'run-queued'
  | 'run-started'
  | 'run-progress'
  | 'run-held'
  | 'run-finished'
  | 'created'
  | 'updated'
  | 'deleted';

/**
 * A message on {@link AUDIENCE_SYNCS_SIGNAL_CHANNEL}. It only names what changed, never its content:
 * every signed-in user receives it, and each page re-reads what it shows through the API, which checks
 * the reader's permissions.
 *
 * @public
 */
export type SyncSignal = {
  syncId: string;
  runId?: number;
  change: SyncSignalChange;
};
