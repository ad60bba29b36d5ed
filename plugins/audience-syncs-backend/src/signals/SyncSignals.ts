import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  AUDIENCE_SYNCS_SIGNAL_CHANNEL,
  SyncSignal,
  SyncSignalChange,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** At most one progress signal per run in this time: a large run commits many batches a second. */
const PROGRESS_INTERVAL_MS = 1_000;

/**
 * Tells open pages that a sync or one of its runs changed, on the plugin's signals channel, to every
 * signed-in user: the message names the sync and the change only, and each page re-reads the sync
 * through the API, under the reader's permissions. A signal is a hint to refresh, so one that cannot be
 * delivered is logged and never fails the change it announces.
 */
export class SyncSignals {
  readonly #signals?: SignalsService;
  readonly #logger?: LoggerService;
  readonly #now: () => number;
  /** When each running run last signalled progress. */
  readonly #progressAt = new Map<number, number>();

  static create(options: {
    signals: SignalsService;
    logger: LoggerService;
    now?: () => number;
  }) {
    return new SyncSignals(options.signals, options.logger, options.now);
  }

  /** Announces nothing: for engines and services assembled without signals (tests, tools). */
  static silent() {
    return new SyncSignals(undefined, undefined);
  }

  private constructor(
    signals: SignalsService | undefined,
    logger: LoggerService | undefined,
    now: () => number = Date.now,
  ) {
    this.#signals = signals;
    this.#logger = logger;
    this.#now = now;
  }

  /** The sync itself changed. */
  sync(syncId: string, change: SyncSignalChange): void {
    this.#publish({ syncId, change });
  }

  /** A run of the sync changed state; a finished or held run stops its progress throttle. */
  run(syncId: string, runId: number, change: SyncSignalChange): void {
    if (change === 'run-started') this.#progressAt.set(runId, this.#now());
    if (change === 'run-finished' || change === 'run-held') {
      this.#progressAt.delete(runId);
    }
    this.#publish({ syncId, runId, change });
  }

  /** A run committed a batch; announced when the run has not signalled for a second. */
  progress(syncId: string, runId: number): void {
    const now = this.#now();
    const last = this.#progressAt.get(runId);
    if (last !== undefined && now - last < PROGRESS_INTERVAL_MS) return;
    this.#progressAt.set(runId, now);
    this.#publish({ syncId, runId, change: 'run-progress' });
  }

  #publish(message: SyncSignal): void {
    if (!this.#signals) return;
    this.#signals
      .publish<SyncSignal>({
        recipients: { type: 'broadcast' },
        channel: AUDIENCE_SYNCS_SIGNAL_CHANNEL,
        message,
      })
      .catch(error =>
        this.#logger?.warn(
          `Could not signal ${message.change} of sync ${message.syncId}: ${error}`,
        ),
      );
  }
}
