import { builtInConnectors } from '../backend';
import { withRateLimit } from '../ceilings/withRateLimit';
import { childInput, childResult } from '../child/childInput';
import { TRACE_SQL_VARIABLE } from '../child/runChild';
import { openDatabase } from '../db/openDatabase';
import { createBenchEngine } from '../engine/createBenchEngine';
import { peakRssBytes } from '../engine/peakRssBytes';
import { runSyncOnce } from '../engine/runSyncOnce';
import { sampleMemory } from '../engine/sampleMemory';
import { traceSql } from '../engine/traceSql';
import { SyncRunInput, SyncRunResult } from './SyncRunInput';

/**
 * Child process: one full run of the data set's sync through the engine, then its time and the
 * process's peak RSS (the ceiling scenario stops it early, and reads the vendor's side instead). The data was generated (and the ledger emptied) by the parent beforehand, so the
 * peak is the run's own.
 */
async function main() {
  const input = childInput<SyncRunInput>();
  const knex = openDatabase(input.target);
  const sqlReport = process.env[TRACE_SQL_VARIABLE]
    ? traceSql(knex)
    : undefined;
  if (sqlReport) {
    // Stopped runs (the ceiling scenario) report too.
    process.once('exit', () =>
      process.stderr.write(`SQL time of run, by statement:\n${sqlReport()}\n`),
    );
  }
  try {
    const { rateLimit } = input;
    const engine = await createBenchEngine({
      knex,
      destination: input.destination,
      memberHistory: input.memberHistory,
      connectors: builtInConnectors().map(connector =>
        rateLimit && connector.type === input.destination.type
          ? withRateLimit(connector, rateLimit)
          : connector,
      ),
    });
    const rssBeforeRunBytes = process.memoryUsage().rss;
    const stopSampling = sampleMemory();
    const startedAt = performance.now();
    const run = await runSyncOnce(engine, input.syncId);
    const peaks = stopSampling();
    const result: SyncRunResult = {
      ms: performance.now() - startedAt,
      status: run.status,
      sent: run.sent,
      succeeded: run.succeeded,
      failed: run.failed,
      invalid: run.invalid,
      error: run.error,
      rssBeforeRunBytes,
      peakRssBytes: peakRssBytes(),
      peaks,
    };
    childResult(result);
  } finally {
    await knex.destroy();
  }
}

// The ceiling scenario stops the run with SIGTERM: exit normally, so --cpu-prof still writes its profile.
process.on('SIGTERM', () => process.exit(0));

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
