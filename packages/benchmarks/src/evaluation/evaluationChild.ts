import { SqlAudienceSource } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { AudienceCatalog, AudienceEvaluator, createStores } from '../backend';
import { childInput, childResult } from '../child/childInput';
import { openDatabase } from '../db/openDatabase';
import { peakRssBytes } from '../engine/peakRssBytes';
import { quietLogger } from '../engine/quietLogger';
import { sampleMemory } from '../engine/sampleMemory';
import { BENCH_EVALUATED_AUDIENCE } from './benchAudience';
import { EvaluationRunInput, EvaluationRunResult } from './EvaluationRunInput';
import { openWarehouse } from './openWarehouse';

/** Far above any run here: the benchmark measures speed, not the guard. */
const STATEMENT_TIMEOUT_MS = 4 * 3600_000;

/**
 * Child process: one evaluation of the benchmark audience through the plugin's SqlAudienceSource and
 * AudienceEvaluator into an empty snapshot store (migrated by the parent), or only the source's member
 * stream when no store is given; then its time and the process's peak RSS.
 */
async function main() {
  const input = childInput<EvaluationRunInput>();
  const warehouse = openWarehouse(input.warehouse);
  const source = SqlAudienceSource.create({
    id: 'sql',
    warehouse,
    audiences: [BENCH_EVALUATED_AUDIENCE],
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
  });
  const store = input.store ? openDatabase(input.store) : undefined;
  try {
    let run: () => Promise<
      Omit<
        EvaluationRunResult,
        'ms' | 'rssBeforeRunBytes' | 'peakRssBytes' | 'peaks'
      >
    >;
    if (store) {
      const stores = createStores(store);
      const catalog = await AudienceCatalog.create({
        sources: [source],
        store: stores.snapshots,
      });
      const evaluator = AudienceEvaluator.create({
        catalog,
        stores,
        logger: quietLogger('evaluation'),
      });
      run = async () => {
        const evaluation = await evaluator.evaluate(
          BENCH_EVALUATED_AUDIENCE.id,
        );
        return {
          status: evaluation.status,
          memberCount: evaluation.memberCount,
          error: evaluation.error,
        };
      };
    } else {
      run = async () => {
        let memberCount = 0;
        for await (const member of source.evaluate(
          BENCH_EVALUATED_AUDIENCE.id,
        )) {
          if (member) memberCount++;
        }
        return { status: 'succeeded', memberCount, error: null };
      };
    }
    const rssBeforeRunBytes = process.memoryUsage().rss;
    const stopSampling = sampleMemory();
    const startedAt = performance.now();
    const outcome = await run();
    const result: EvaluationRunResult = {
      ...outcome,
      ms: performance.now() - startedAt,
      rssBeforeRunBytes,
      peakRssBytes: peakRssBytes(),
      peaks: stopSampling(),
    };
    childResult(result);
  } finally {
    await warehouse.destroy();
    await store?.destroy();
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
