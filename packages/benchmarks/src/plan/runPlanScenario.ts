import { prepareDataSet } from '../data/prepareDataSet';
import { availableDatabases } from '../db/availableDatabases';
import { openDatabase } from '../db/openDatabase';
import { targetFor } from '../db/targetFor';
import { BenchOptions, DatabaseKind } from '../options/BenchOptions';
import { formatSize } from '../options/parseSize';
import {
  formatCount,
  formatSeconds,
  formatSpread,
} from '../report/formatNumber';
import { log } from '../report/log';
import { ScenarioReport, Verdict } from '../report/ScenarioReport';
import { summarize, Summary } from '../report/summarize';
import { verdictOf } from '../report/verdictOf';
import { DiffCounts } from './DiffCounts';
import { PLAN_PAGE_SIZE, timePlanner } from './timePlanner';
import { timeBareDiff } from './timeBareDiff';

const TARGET_RATIO = 1.3;
const TARGET_MIN_SIZE = 1_000_000;

export interface PlanCase {
  database: DatabaseKind;
  size: number;
  planMs: Summary;
  bareMs: Summary;
  /** Plan time over bare time, run by run. */
  ratio: Summary;
  membersPerSecond: number;
  diff: DiffCounts;
  verdict: Verdict;
}

/**
 * Plan: for each database and size, the planner against the bare set-difference queries on the same
 * tables, alternating which goes first in each run so drift on a busy machine hits both alike. One
 * untimed round first warms the caches for both.
 */
export async function runPlanScenario(
  options: BenchOptions,
): Promise<ScenarioReport> {
  const { databases, notes } = availableDatabases(options);
  const cases: PlanCase[] = [];
  for (const database of databases) {
    for (const size of options.planSizes) {
      const target = targetFor(database, 'plan', size, options);
      const dataSet = await prepareDataSet(
        target,
        { size, churn: true, destinationId: 'bench-webhook' },
        options,
      );
      log(`plan ${formatSize(size)} on ${database}: ${options.runs} runs`);
      const knex = openDatabase(target);
      try {
        const plan = () =>
          timePlanner(knex, dataSet.syncId, dataSet.evaluationId);
        const bare = () =>
          timeBareDiff(knex, dataSet.syncId, dataSet.evaluationId);
        await plan();
        await bare();
        const planMs: number[] = [];
        const bareMs: number[] = [];
        for (let run = 0; run < options.runs; run++) {
          let p;
          let b;
          if (run % 2 === 0) {
            p = await plan();
            b = await bare();
          } else {
            b = await bare();
            p = await plan();
          }
          checkDiff(dataSet.expected, p.counts, p.rows, b.rows);
          planMs.push(p.ms);
          bareMs.push(b.ms);
        }
        const ratio = summarize(planMs.map((ms, i) => ms / bareMs[i]));
        const planSummary = summarize(planMs);
        cases.push({
          database,
          size,
          planMs: planSummary,
          bareMs: summarize(bareMs),
          ratio,
          membersPerSecond: dataSet.snapshotRows / (planSummary.median / 1000),
          diff: dataSet.expected,
          verdict: verdictOf(
            ratio.median <= TARGET_RATIO,
            size >= TARGET_MIN_SIZE,
          ),
        });
      } finally {
        await knex.destroy();
      }
    }
  }
  return {
    scenario: 'plan',
    title: 'Plan: diff of an audience with 1% churn against its ledger',
    target: `plan ≤ ${TARGET_RATIO}× the bare set-difference queries at 1M and 10M, on both databases`,
    columns: [
      'DB',
      'Audience',
      'Diff rows',
      'Plan',
      'Bare diff',
      'Plan / bare',
      'Members/s',
      'Verdict',
    ],
    rows: cases.map(c => [
      c.database === 'pg' ? 'PostgreSQL' : 'SQLite',
      formatSize(c.size),
      formatCount(c.diff.joined + c.diff.departed + c.diff.changed),
      formatSpread(c.planMs, formatSeconds),
      formatSpread(c.bareMs, formatSeconds),
      formatSpread(c.ratio, r => `${r.toFixed(2)}×`),
      formatCount(c.membersPerSecond),
      c.verdict,
    ]),
    notes: [
      ...notes,
      `Plan = counts, then every page (${PLAN_PAGE_SIZE} rows) of departed, joined and changed members, as a run reads them. Bare diff = the three set-difference queries (anti-joins both ways, changed-hash join) read in full.`,
    ],
    data: cases,
  };
}

/** A fast wrong answer is no result: both sides must find exactly the generated churn. */
function checkDiff(expected: DiffCounts, ...found: DiffCounts[]): void {
  for (const counts of found) {
    for (const kind of ['joined', 'departed', 'changed'] as const) {
      if (counts[kind] !== expected[kind]) {
        throw new Error(
          `Plan check: ${kind} ${counts[kind]} found, ${expected[kind]} generated`,
        );
      }
    }
  }
}
