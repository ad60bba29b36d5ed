import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AudienceSync,
  SyncRun,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { RunExecutor } from '../engine/SyncDispatcher';
import { AlertNotifier } from './AlertNotifier';
import { AlertsConfig } from './readAlertsConfig';

/** Earlier runs looked through for the one a run's audience size is compared with. */
const PREVIOUS_RUNS = 20;

const MAX_REASON = 500;

/** The run's error as its page shows it, cut short (the page has the whole of it), as a sentence. */
const reasonOf = (run: SyncRun) => {
  const error = run.error ?? 'no reason recorded';
  const cut =
    error.length > MAX_REASON ? `${error.slice(0, MAX_REASON)}…` : error;
  return /[.!?…]$/.test(cut) ? cut : `${cut}.`;
};

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * Evaluates a sync's alerts when one of its runs ends: failed (the sync is errored until a run
 * succeeds), held for approval by the removal guard, invalid members above the sync's share of the
 * audience, and an audience size that swung against the previous run's by more than the sync's share.
 * Each opens once and clears once with a recovery notice (`AlertNotifier`).
 */
export class SyncAlerts {
  readonly #stores: AudienceSyncsStores;
  readonly #notifier: AlertNotifier;
  readonly #config: AlertsConfig;
  readonly #logger: LoggerService;

  static create(options: {
    stores: AudienceSyncsStores;
    notifier: AlertNotifier;
    config: AlertsConfig;
    logger: LoggerService;
  }) {
    return new SyncAlerts(options);
  }

  private constructor(options: Parameters<typeof SyncAlerts.create>[0]) {
    this.#stores = options.stores;
    this.#notifier = options.notifier;
    this.#config = options.config;
    this.#logger = options.logger;
  }

  /** The engine's executor, evaluating the alerts after every run it executes. */
  wrap(executor: RunExecutor): RunExecutor {
    return {
      execute: async (runId, lease, signal) => {
        await executor.execute(runId, lease, signal);
        // An alert that cannot be evaluated never fails the run it is about.
        await this.afterRun(lease.syncId, runId).catch(error =>
          this.#logger.warn(
            `Could not evaluate the alerts of run ${runId}: ${error}`,
          ),
        );
      },
    };
  }

  async afterRun(syncId: string, runId: number): Promise<void> {
    const [sync, run] = await Promise.all([
      this.#stores.syncs.getSync(syncId),
      this.#stores.runs.getRun(syncId, runId),
    ]);
    // Still open: the run stopped here because another instance took it over, and ends there.
    if (!sync || !run || run.status === 'queued' || run.status === 'running') {
      return;
    }
    // A verification sends nothing: it tells nothing of how the sync's runs go.
    if (run.kind === 'verify') return;
    const notifier = this.#notifier;
    const runName = `Run #${run.id}`;
    // A run that ended, however, was not missed.
    await notifier.clear(sync, 'missed-run', {
      title: `${sync.name}: runs again`,
      description: `${runName} of this sync ran; its schedule is kept again.`,
    });

    if (run.status === 'held') {
      await notifier.open(sync, 'run-held', {
        title: `${sync.name}: run held for approval`,
        description: `${runName} would remove ${run.planned.removes} members from ${sync.object.name}, more than the removal guard allows. Nothing was sent; approve the run on the sync's page to continue.`,
      });
      return;
    }
    await notifier.clear(sync, 'run-held', {
      title: `${sync.name}: no run held any more`,
      description: `${runName} ended ${run.status}; no run of this sync waits for approval.`,
    });

    if (run.status === 'failed') {
      await notifier.open(sync, 'run-failed', {
        title: `${sync.name}: run failed`,
        description: `${runName} failed: ${reasonOf(
          run,
        )} The sync is errored until a run succeeds.`,
      });
      return;
    }
    if (run.status === 'cancelled') return;
    await notifier.clear(sync, 'run-failed', {
      title: `${sync.name}: recovered`,
      description: `${runName} ${
        run.status === 'partial'
          ? 'synced, with some rows refused'
          : 'succeeded'
      }; the sync is no longer errored.`,
    });
    await this.#invalidShare(sync, run);
    await this.#rowCountSwing(sync, run);
  }

  async #invalidShare(sync: AudienceSync, run: SyncRun) {
    const limit = sync.alerts?.invalidShare ?? this.#config.invalidShare;
    // Out of the whole audience: a run sends only what changed, and its invalid members try again each run.
    const members =
      run.evaluationId === null
        ? undefined
        : (await this.#stores.snapshots.memberCounts([run.evaluationId])).get(
            run.evaluationId,
          );
    const total = Math.max(members ?? run.sent + run.invalid, run.invalid);
    const share = total === 0 ? 0 : run.invalid / total;
    if (share > limit) {
      await this.#notifier.open(sync, 'invalid-share', {
        title: `${sync.name}: ${percent(share)} of members invalid`,
        description: `Run #${run.id} found ${
          run.invalid
        } of the audience's ${total} members invalid for the destination (a missing or malformed identifier), more than the ${percent(
          limit,
        )} this sync alerts at. They were not sent.`,
      });
    } else {
      await this.#notifier.clear(sync, 'invalid-share', {
        title: `${sync.name}: invalid members back under ${percent(limit)}`,
        description: `Run #${run.id} found ${run.invalid} of the audience's ${total} members invalid.`,
      });
    }
  }

  async #rowCountSwing(sync: AudienceSync, run: SyncRun) {
    if (run.evaluationId === null) return;
    const earlier = await this.#stores.runs.listRuns(sync.id, {
      limit: PREVIOUS_RUNS,
      offset: 0,
    });
    const previous = earlier.items.find(
      r =>
        r.id < run.id &&
        r.kind !== 'verify' &&
        r.evaluationId !== null &&
        (r.status === 'succeeded' || r.status === 'partial'),
    );
    if (!previous) return;
    const counts = await this.#stores.snapshots.memberCounts([
      run.evaluationId,
      previous.evaluationId!,
    ]);
    const now = counts.get(run.evaluationId);
    const before = counts.get(previous.evaluationId!);
    if (now === undefined || before === undefined) return;
    // From an empty audience, any member at all is a full swing.
    let swing = now > 0 ? 1 : 0;
    if (before > 0) swing = Math.abs(now - before) / before;
    const limit = sync.alerts?.rowCountSwing ?? this.#config.rowCountSwing;
    if (swing > limit) {
      await this.#notifier.open(sync, 'row-count-swing', {
        title: `${sync.name}: audience size ${
          now > before ? 'up' : 'down'
        } ${percent(swing)}`,
        description: `Run #${
          run.id
        } synced ${now} members; the previous run (#${
          previous.id
        }) synced ${before}. This sync alerts at a swing of ${percent(limit)}.`,
      });
    } else {
      await this.#notifier.clear(sync, 'row-count-swing', {
        title: `${sync.name}: audience size steady again`,
        description: `Run #${run.id} synced ${now} members; the previous run (#${previous.id}) synced ${before}.`,
      });
    }
  }
}
