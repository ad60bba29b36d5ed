import { MetricsService } from '@backstage/backend-plugin-api/alpha';
import { RunStatus } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { RunCounters, RunStore } from '../database/RunStore';
import { DestinationRegistry } from '../destinations/DestinationRegistry';

/** Run outcomes the engine records: a held run waits for an approval, the others ended. */
export type RecordedRunStatus = Extract<
  RunStatus,
  'succeeded' | 'partial' | 'failed' | 'held'
>;

/**
 * The plugin's OpenTelemetry instruments, created through Backstage's metrics service (its meter is
 * named after the plugin): runs and their duration, rows by outcome, rows in flight, time spent waiting
 * on destination request budgets, and each sync's freshness. Attributes stay few and bounded (a
 * destination type has a handful of values); only freshness is per sync, one series each.
 */
export class SyncMetrics {
  readonly #runs;
  readonly #duration;
  readonly #rows;
  readonly #inFlight;
  readonly #throttleWait;

  static create(options: {
    metrics: MetricsService;
    runs: RunStore;
    destinations: DestinationRegistry;
  }) {
    return new SyncMetrics(options);
  }

  private constructor(options: Parameters<typeof SyncMetrics.create>[0]) {
    const { metrics } = options;
    this.#runs = metrics.createCounter('audience_syncs.runs', {
      description:
        'Runs that ended or were held, by status and destination type',
      unit: '{run}',
    });
    this.#duration = metrics.createHistogram('audience_syncs.run.duration', {
      description: 'Time from a run starting to its end',
      unit: 's',
    });
    this.#rows = {
      sent: metrics.createCounter('audience_syncs.rows.sent', {
        description: 'Rows sent to destinations',
        unit: '{row}',
      }),
      succeeded: metrics.createCounter('audience_syncs.rows.succeeded', {
        description: 'Rows destinations accepted',
        unit: '{row}',
      }),
      failed: metrics.createCounter('audience_syncs.rows.failed', {
        description: 'Rows destinations refused or that failed to send',
        unit: '{row}',
      }),
      invalid: metrics.createCounter('audience_syncs.rows.invalid', {
        description: 'Members not sent because they could not be prepared',
        unit: '{row}',
      }),
    };
    this.#inFlight = metrics.createUpDownCounter(
      'audience_syncs.rows.in_flight',
      {
        description: 'Rows in batches sent and not yet answered',
        unit: '{row}',
      },
    );
    this.#throttleWait = metrics.createHistogram(
      'audience_syncs.throttle.wait',
      {
        description:
          "Time a batch waited on its destination's request budget before each send",
        unit: 's',
      },
    );
    const freshness = metrics.createObservableGauge(
      'audience_syncs.sync.freshness',
      {
        description:
          'Seconds since the audience evaluation that the destination reflects finished',
        unit: 's',
      },
    );
    const { runs, destinations } = options;
    freshness.addCallback(async result => {
      const now = Date.now();
      for (const synced of await runs.lastSyncedEvaluations()) {
        result.observe((now - Date.parse(synced.evaluatedAt)) / 1000, {
          sync_id: synced.syncId,
          destination_type: typeOfDestination(
            destinations,
            synced.destinationId,
          ),
        });
      }
    });
  }

  /** A run ended (or was held) after `seconds`. */
  runEnded(run: {
    status: RecordedRunStatus;
    destinationType: string;
    seconds: number;
  }): void {
    const attributes = {
      status: run.status,
      destination_type: run.destinationType,
    };
    this.#runs.add(1, attributes);
    this.#duration.record(run.seconds, attributes);
  }

  /** A batch's outcome reached the ledger. */
  rowsCommitted(counters: RunCounters, destinationType: string): void {
    const attributes = { destination_type: destinationType };
    for (const outcome of ['sent', 'succeeded', 'failed', 'invalid'] as const) {
      if (counters[outcome] > 0) {
        this.#rows[outcome].add(counters[outcome], attributes);
      }
    }
  }

  /** Rows went out (positive) or their answer came back (negative). */
  inFlight(rows: number, destinationType: string): void {
    this.#inFlight.add(rows, { destination_type: destinationType });
  }

  /** A batch waited `seconds` on its destination's request budget. */
  throttleWaited(seconds: number, destinationType: string): void {
    this.#throttleWait.record(seconds, { destination_type: destinationType });
  }
}

/** A sync's destination may have left the configuration; its freshness is still reported. */
function typeOfDestination(destinations: DestinationRegistry, id: string) {
  return destinations.get(id)?.destination.type ?? 'unknown';
}
