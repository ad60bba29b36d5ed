import { SchedulerService } from '@backstage/backend-plugin-api';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { AlertNotifier } from './AlertNotifier';

const WATCHDOG_TASK = 'audience-syncs:missed-run-watchdog';

/** Queued runs looked at per pass, oldest first. */
const QUEUED_RUNS = 200;

/**
 * Notices scheduled runs that have not started within a grace period of their due time: a sync whose
 * next run time passed without a run being queued (no instance dispatches), or a run queued that long
 * ago and still waiting (no instance claims). The owners hear once when it is missed and once when a
 * run starts again. It runs on one instance of the cluster at a time, independently of the dispatcher it
 * watches.
 */
export class MissedRunWatchdog {
  readonly #stores: AudienceSyncsStores;
  readonly #notifier: AlertNotifier;
  readonly #graceMs: number;
  readonly #now: () => Date;

  static create(options: {
    stores: AudienceSyncsStores;
    notifier: AlertNotifier;
    graceMs: number;
    now?: () => Date;
  }) {
    return new MissedRunWatchdog(options);
  }

  private constructor(options: Parameters<typeof MissedRunWatchdog.create>[0]) {
    this.#stores = options.stores;
    this.#notifier = options.notifier;
    this.#graceMs = options.graceMs;
    this.#now = options.now ?? (() => new Date());
  }

  async schedule(scheduler: SchedulerService): Promise<void> {
    // Often enough that a missed run is noticed within half a grace period more, at most once a minute.
    const everyMs = Math.max(1000, Math.min(60_000, this.#graceMs / 2));
    await scheduler.scheduleTask({
      id: WATCHDOG_TASK,
      frequency: { milliseconds: everyMs },
      timeout: { minutes: 5 },
      scope: 'global',
      fn: () => this.check(),
    });
  }

  /** One pass: opens the alert of every sync that missed a run, clears it where runs start again. */
  async check(): Promise<void> {
    const missed = await this.#missedSyncs();
    for (const sync of missed.values()) {
      await this.#notifier.open(sync, 'missed-run', {
        title: `${sync.name}: scheduled run missed`,
        description: `A due run of this sync has not started within ${describeGrace(
          this.#graceMs,
        )} of its time. Check that the backend's sync engine is running.`,
      });
    }
    const open = await this.#stores.alerts.listOpen('missed-run');
    const recovered = open.filter(id => !missed.has(id));
    for (const sync of await this.#stores.syncs.getSyncs(recovered)) {
      await this.#notifier.clear(sync, 'missed-run', {
        title: `${sync.name}: runs again`,
        description: 'A run of this sync started; its schedule is kept again.',
      });
    }
  }

  async #missedSyncs(): Promise<Map<string, AudienceSync>> {
    const { syncs, runs } = this.#stores;
    const cutoff = new Date(
      this.#now().getTime() - this.#graceMs,
    ).toISOString();
    const missed = new Map<string, AudienceSync>();
    for (const sync of await syncs.getDueSyncs(cutoff)) {
      // A sync stays due while a run of it is open: running or held for approval is not missed.
      const open = await runs.findOpenRun(sync.id);
      if (!open || (open.status === 'queued' && open.queuedAt <= cutoff)) {
        missed.set(sync.id, sync);
      }
    }
    const waiting = (await runs.listQueued(QUEUED_RUNS)).filter(
      run => run.queuedAt <= cutoff && !missed.has(run.syncId),
    );
    for (const sync of await syncs.getSyncs(waiting.map(run => run.syncId))) {
      if (sync.status !== 'paused') missed.set(sync.id, sync);
    }
    return missed;
  }
}

function describeGrace(ms: number): string {
  return ms < 60_000
    ? `${Math.round(ms / 1000)} seconds`
    : `${Math.round(ms / 60_000)} minutes`;
}
