import { runChild } from '../child/runChild';
import { prepareDataSet } from '../data/prepareDataSet';
import { availableDatabases } from '../db/availableDatabases';
import { targetFor } from '../db/targetFor';
import { BenchOptions, DatabaseKind } from '../options/BenchOptions';
import { formatSize } from '../options/parseSize';
import { sourceFile } from '../paths';
import { formatCount, formatSpread } from '../report/formatNumber';
import { log } from '../report/log';
import { ScenarioReport, Verdict } from '../report/ScenarioReport';
import { summarize, Summary } from '../report/summarize';
import { verdictOf } from '../report/verdictOf';
import { measureSyncRun } from './measureSyncRun';
import { RawPostInput, RawPostResult } from './rawPostChild';
import { BENCH_WEBHOOK_ID, BenchSink, startBenchSink } from './startBenchSink';

const TARGET_SHARE = 0.7;
/** The webhook connector's default batch size, which the benchmark destination keeps. */
const WEBHOOK_BATCH_SIZE = 500;
/** The webhook connector's default of batches in flight, which the benchmark destination keeps. */
const WEBHOOK_CONCURRENT_BATCHES = 4;

export interface ThroughputCase {
  database: DatabaseKind;
  size: number;
  /** Whether the engine's runs recorded the member history. */
  memberHistory: 'on' | 'off';
  engineMembersPerSecond: Summary;
  rawMembersPerSecond: Summary;
  /** Engine rate over raw rate, run by run. */
  share: Summary;
  verdict: Verdict;
}

/**
 * Throughput: an initial sync through the whole engine (plan, prepare, sign, POST, commit each batch to
 * the ledger) against the raw loopback POST rate of the same batches to the same sink, alternating
 * which goes first in each run.
 */
export async function runThroughputScenario(
  options: BenchOptions,
): Promise<ScenarioReport> {
  const { databases, notes } = availableDatabases(options);
  const cases: ThroughputCase[] = [];
  const sink = await startBenchSink();
  try {
    for (const database of databases) {
      for (const size of options.throughputSizes) {
        const target = targetFor(database, 'sync', size, options);
        const dataSet = await prepareDataSet(
          target,
          { size, churn: false, destinationId: BENCH_WEBHOOK_ID },
          options,
        );
        const engine = new Map(
          options.memberHistory.map(history => [history, [] as number[]]),
        );
        const raw: number[] = [];
        for (let run = 0; run < options.runs; run++) {
          log(`throughput ${formatSize(size)} on ${database}: run ${run + 1}`);
          const measureEngine = async () => {
            // With the history on and off, each goes first in every other run.
            const settings =
              run % 2 === 0
                ? options.memberHistory
                : [...options.memberHistory].reverse();
            for (const history of settings) {
              const result = await measureSyncRun(
                target,
                dataSet,
                sink,
                history === 'on',
              );
              engine
                .get(history)!
                .push(dataSet.snapshotRows / (result.ms / 1000));
            }
          };
          const measureRaw = async () => {
            const ms = await rawPostMs(sink, dataSet.snapshotRows);
            raw.push(dataSet.snapshotRows / (ms / 1000));
          };
          if (run % 2 === 0) {
            await measureEngine();
            await measureRaw();
          } else {
            await measureRaw();
            await measureEngine();
          }
        }
        for (const [memberHistory, rates] of engine) {
          const share = summarize(rates.map((rate, i) => rate / raw[i]));
          cases.push({
            database,
            size,
            memberHistory,
            engineMembersPerSecond: summarize(rates),
            rawMembersPerSecond: summarize(raw),
            share,
            verdict: verdictOf(share.median >= TARGET_SHARE),
          });
        }
      }
    }
  } finally {
    await sink.emulator.close();
  }
  return {
    scenario: 'throughput',
    title: 'Throughput: initial sync to the webhook connector on loopback',
    target: `engine ≥ ${TARGET_SHARE}× the raw loopback POST rate of the same batches`,
    columns: [
      'DB',
      'Audience',
      'Member history',
      'Engine members/s',
      'Raw POST members/s',
      'Engine / raw',
      'Verdict',
    ],
    rows: cases.map(c => [
      c.database === 'pg' ? 'PostgreSQL' : 'SQLite',
      formatSize(c.size),
      c.memberHistory,
      formatSpread(c.engineMembersPerSecond, formatCount),
      formatSpread(c.rawMembersPerSecond, formatCount),
      formatSpread(c.share, s => `${s.toFixed(2)}×`),
      c.verdict,
    ]),
    notes: [
      ...notes,
      `Batches of ${WEBHOOK_BATCH_SIZE} and ${WEBHOOK_CONCURRENT_BATCHES} in flight (the connector's defaults), on both sides. Engine time runs from queueing the run to its end, planning included.`,
    ],
    data: cases,
  };
}

async function rawPostMs(sink: BenchSink, size: number): Promise<number> {
  sink.emulator.reset();
  const input: RawPostInput = {
    url: sink.url,
    secret: sink.secret,
    size,
    batchSize: WEBHOOK_BATCH_SIZE,
    concurrency: WEBHOOK_CONCURRENT_BATCHES,
    destinationId: BENCH_WEBHOOK_ID,
    object: { id: 'bench-list', name: 'Benchmark list' },
  };
  const result = (await runChild<RawPostResult>(
    sourceFile('sync/rawPostChild.ts'),
    input,
  ))!;
  return result.ms;
}
