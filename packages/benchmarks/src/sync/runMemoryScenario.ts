import { prepareDataSet } from '../data/prepareDataSet';
import { availableDatabases } from '../db/availableDatabases';
import { targetFor } from '../db/targetFor';
import { BenchOptions, DatabaseKind } from '../options/BenchOptions';
import { formatSize } from '../options/parseSize';
import {
  formatMegabytes,
  formatSeconds,
  formatSpread,
} from '../report/formatNumber';
import { log } from '../report/log';
import { ScenarioReport, Verdict } from '../report/ScenarioReport';
import { summarize, Summary } from '../report/summarize';
import { verdictOf } from '../report/verdictOf';
import { measureSyncRun } from './measureSyncRun';
import { BENCH_WEBHOOK_ID, startBenchSink } from './startBenchSink';

const MAX_GROWTH = 1.2;
const MAX_PEAK_BYTES = 400 * 2 ** 20;

export interface MemoryCase {
  database: DatabaseKind;
  size: number;
  peakRssBytes: Summary;
  rssBeforeRunBytes: Summary;
  /** Sampled peaks of the V8 heap (allocated) and of memory outside it (Buffers, native). */
  peakHeapTotalBytes: Summary;
  peakHeapUsedBytes: Summary;
  peakExternalBytes: Summary;
  runMs: Summary;
  /** Peak over the smallest size's peak on the same database. */
  growth: number;
  verdict: Verdict;
}

/**
 * Memory: the peak RSS of a child process doing a full initial run of each size to the webhook
 * connector. Flat means the largest audience peaks within MAX_GROWTH of the smallest, under 400 MB.
 */
export async function runMemoryScenario(
  options: BenchOptions,
): Promise<ScenarioReport> {
  const { databases, notes } = availableDatabases(options);
  const cases: MemoryCase[] = [];
  const sink = await startBenchSink();
  try {
    for (const database of databases) {
      const smallest = Math.min(...options.memorySizes);
      let baseline: number | undefined;
      for (const size of [...options.memorySizes].sort((a, b) => a - b)) {
        const target = targetFor(database, 'sync', size, options);
        const dataSet = await prepareDataSet(
          target,
          { size, churn: false, destinationId: BENCH_WEBHOOK_ID },
          options,
        );
        const results = [];
        for (let run = 0; run < options.runs; run++) {
          log(`memory ${formatSize(size)} on ${database}: run ${run + 1}`);
          results.push(await measureSyncRun(target, dataSet, sink));
        }
        const peak = summarize(results.map(r => r.peakRssBytes));
        baseline ??= peak.median;
        const growth = peak.median / baseline;
        cases.push({
          database,
          size,
          peakRssBytes: peak,
          rssBeforeRunBytes: summarize(results.map(r => r.rssBeforeRunBytes)),
          peakHeapTotalBytes: summarize(results.map(r => r.peaks.heapTotal)),
          peakHeapUsedBytes: summarize(results.map(r => r.peaks.heapUsed)),
          peakExternalBytes: summarize(results.map(r => r.peaks.external)),
          runMs: summarize(results.map(r => r.ms)),
          growth,
          // The smallest size is the baseline: only its absolute peak is checked.
          verdict: verdictOf(
            peak.median < MAX_PEAK_BYTES &&
              (size === smallest || growth <= MAX_GROWTH),
          ),
        });
      }
    }
  } finally {
    await sink.emulator.close();
  }
  return {
    scenario: 'memory',
    title: 'Memory: peak RSS of a full initial run to the webhook connector',
    target: `peak at the largest size ≤ ${MAX_GROWTH}× the peak at the smallest, and < 400 MB`,
    columns: [
      'DB',
      'Audience',
      'Peak RSS',
      'RSS before run',
      'Peak V8 heap (used)',
      'Peak external',
      'vs smallest',
      'Run time',
      'Verdict',
    ],
    rows: cases.map(c => [
      c.database === 'pg' ? 'PostgreSQL' : 'SQLite',
      formatSize(c.size),
      formatSpread(c.peakRssBytes, formatMegabytes),
      formatSpread(c.rssBeforeRunBytes, formatMegabytes),
      `${formatMegabytes(c.peakHeapTotalBytes.median)} (${formatMegabytes(
        c.peakHeapUsedBytes.median,
      )})`,
      formatMegabytes(c.peakExternalBytes.median),
      `${c.growth.toFixed(2)}×`,
      formatSpread(c.runMs, formatSeconds),
      c.verdict,
    ]),
    notes: [
      ...notes,
      'Each run is a separate Node process; its peak is the VmHWM of its own address space (getrusage would carry over the bench process, which holds the sink). Data generation and the sink run in the bench process. Heap and external are medians of the peaks of process.memoryUsage() sampled every 250 ms.',
    ],
    data: cases,
  };
}
