import { runChild } from '../child/runChild';
import { targetFor } from '../db/targetFor';
import { BenchOptions, WarehouseKind } from '../options/BenchOptions';
import { formatSize } from '../options/parseSize';
import { sourceFile } from '../paths';
import {
  formatCount,
  formatMegabytes,
  formatSpread,
} from '../report/formatNumber';
import { log } from '../report/log';
import { ScenarioReport, Verdict } from '../report/ScenarioReport';
import { summarize, Summary } from '../report/summarize';
import { verdictOf } from '../report/verdictOf';
import {
  BareReadInput,
  BareReadResult,
  EvaluationRunInput,
  EvaluationRunResult,
} from './EvaluationRunInput';
import { prepareWarehouse } from './prepareWarehouse';
import { resetStore } from './resetStore';
import { WarehouseTarget, warehouseTargetFor } from './WarehouseTarget';

const TARGET_SHARE = 0.7;
const MAX_GROWTH = 1.2;

const LABELS: Record<WarehouseKind, string> = {
  sqlite: 'SQLite',
  pg: 'PostgreSQL',
  mariadb: 'MariaDB',
};

export interface EvaluationCase {
  warehouse: WarehouseKind;
  /** Where the snapshot was written: the plugin store a portal on this warehouse would use. */
  store: 'sqlite' | 'pg';
  size: number;
  evaluationRowsPerSecond: Summary;
  /** The audience source's member stream alone, without writing a snapshot. */
  sourceRowsPerSecond: Summary;
  bareRowsPerSecond: Summary;
  /** Evaluation rate over bare rate, run by run. */
  share: Summary;
  peakRssBytes: Summary;
  bareReadPeakRssBytes: Summary;
  peakHeapUsedBytes: Summary;
  /** Peak over the smallest size's peak on the same warehouse. */
  growth: number;
  verdict: Verdict;
}

/**
 * Evaluation: an audience of every row of a generated warehouse table, evaluated by the plugin's
 * SqlAudienceSource and AudienceEvaluator into a snapshot (an empty store each run), against a bare
 * streamed SELECT of the same rows from the same warehouse (the limit), alternating which goes first.
 * Each runs in a child process of its own, whose peak RSS is recorded.
 */
export async function runEvaluationScenario(
  options: BenchOptions,
): Promise<ScenarioReport> {
  const { warehouses, notes } = availableWarehouses(options);
  const cases: EvaluationCase[] = [];
  const sizes = [...options.evaluationSizes].sort((a, b) => a - b);
  for (const warehouse of warehouses) {
    let baseline: number | undefined;
    for (const size of sizes) {
      const target = warehouseTargetFor(warehouse, size, options);
      await prepareWarehouse(target, size, options);
      const store = targetFor(
        warehouse === 'sqlite' ? 'sqlite' : 'pg',
        'evaluation',
        size,
        options,
      );
      const evaluations: EvaluationRunResult[] = [];
      const sourceOnly: EvaluationRunResult[] = [];
      const bare: BareReadResult[] = [];
      for (let run = 0; run < options.runs; run++) {
        log(`evaluation ${formatSize(size)} on ${warehouse}: run ${run + 1}`);
        const measureEvaluation = async () => {
          evaluations.push(await evaluate(target, store, size));
        };
        const measureReads = async () => {
          bare.push(await bareRead(target, size));
          sourceOnly.push(await evaluate(target, undefined, size));
        };
        if (run % 2 === 0) {
          await measureEvaluation();
          await measureReads();
        } else {
          await measureReads();
          await measureEvaluation();
        }
      }
      const rate = (ms: number) => size / (ms / 1000);
      const share = summarize(
        evaluations.map((e, i) => rate(e.ms) / rate(bare[i].ms)),
      );
      const peak = summarize(evaluations.map(e => e.peakRssBytes));
      baseline ??= peak.median;
      const growth = peak.median / baseline;
      cases.push({
        warehouse,
        store: store.kind,
        size,
        evaluationRowsPerSecond: summarize(evaluations.map(e => rate(e.ms))),
        sourceRowsPerSecond: summarize(sourceOnly.map(e => rate(e.ms))),
        bareRowsPerSecond: summarize(bare.map(b => rate(b.ms))),
        share,
        peakRssBytes: peak,
        bareReadPeakRssBytes: summarize(bare.map(b => b.peakRssBytes)),
        peakHeapUsedBytes: summarize(evaluations.map(e => e.peaks.heapUsed)),
        growth,
        verdict: verdictOf(
          share.median >= TARGET_SHARE &&
            (size === sizes[0] || growth <= MAX_GROWTH),
        ),
      });
    }
  }
  return {
    scenario: 'evaluation',
    title:
      'Evaluation: an audience streamed from the warehouse into a snapshot',
    target: `evaluation ≥ ${TARGET_SHARE}× the rows/s of a bare streamed SELECT of the same rows; peak RSS at the largest size ≤ ${MAX_GROWTH}× the peak at the smallest`,
    columns: [
      'Warehouse',
      'Store',
      'Audience',
      'Evaluation rows/s',
      'Source only rows/s',
      'Bare SELECT rows/s',
      'Evaluation / bare',
      'Peak RSS',
      'vs smallest',
      'Bare read peak RSS',
      'Verdict',
    ],
    rows: cases.map(c => [
      LABELS[c.warehouse],
      LABELS[c.store],
      formatSize(c.size),
      formatSpread(c.evaluationRowsPerSecond, formatCount),
      formatSpread(c.sourceRowsPerSecond, formatCount),
      formatSpread(c.bareRowsPerSecond, formatCount),
      formatSpread(c.share, s => `${s.toFixed(2)}×`),
      formatSpread(c.peakRssBytes, formatMegabytes),
      `${c.growth.toFixed(2)}×`,
      formatMegabytes(c.bareReadPeakRssBytes.median),
      c.verdict,
    ]),
    notes: [
      ...notes,
      "Each row is one member of seven columns (user_id, email, phone, lifetime_value, last_purchase_date, plan_type, country). Evaluation time runs from evaluate() to the switched snapshot, through a store emptied before each run: SQLite for the SQLite warehouse, PostgreSQL (the production store) for the others. The bare read streams the same SELECT on a connection of the same Knex pool, the way the reader does (PostgreSQL: cursor FETCHes of 2,000 with the next in flight; MariaDB: the driver stream; SQLite: the statement iterator), and only counts the rows. Source only = the plugin's SqlAudienceSource streaming the members (read-only transaction, timeout, row mapping) without writing them.",
    ],
    data: cases,
  };
}

function availableWarehouses(options: BenchOptions): {
  warehouses: WarehouseKind[];
  notes: string[];
} {
  const notes: string[] = [];
  const warehouses = options.warehouses.filter(kind => {
    if (kind === 'pg' && !options.pgConnection) {
      notes.push('PostgreSQL skipped: no server given (--pg).');
      return false;
    }
    if (kind === 'mariadb' && !options.mariadbConnection) {
      notes.push(
        'MariaDB skipped: no server given (`source scripts/mariadb.sh` or pass --mariadb <url>).',
      );
      return false;
    }
    if (kind === 'mariadb' && !options.pgConnection) {
      notes.push('MariaDB skipped: its snapshot store is PostgreSQL (--pg).');
      return false;
    }
    return true;
  });
  return { warehouses, notes };
}

/** One evaluation into an emptied `store`; without one, the source's member stream only. */
async function evaluate(
  warehouse: WarehouseTarget,
  store: EvaluationRunInput['store'],
  size: number,
): Promise<EvaluationRunResult> {
  if (store) await resetStore(store);
  const input: EvaluationRunInput = { warehouse, store };
  const result = (await runChild<EvaluationRunResult>(
    sourceFile('evaluation/evaluationChild.ts'),
    input,
  ))!;
  if (result.status !== 'succeeded' || result.memberCount !== size) {
    throw new Error(
      `The evaluation ended ${result.status} (${
        result.error ?? 'no error'
      }) with ${result.memberCount} of ${size} members`,
    );
  }
  return result;
}

async function bareRead(
  warehouse: WarehouseTarget,
  size: number,
): Promise<BareReadResult> {
  const input: BareReadInput = { warehouse };
  const result = (await runChild<BareReadResult>(
    sourceFile('evaluation/bareReadChild.ts'),
    input,
  ))!;
  if (result.rows !== size) {
    throw new Error(`The bare read counted ${result.rows} of ${size} rows`);
  }
  return result;
}
