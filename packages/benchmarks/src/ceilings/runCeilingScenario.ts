import type { RateLimit } from '@internal/destination-emulators';
import { prepareDataSet } from '../data/prepareDataSet';
import { targetFor } from '../db/targetFor';
import { BenchOptions, DatabaseKind } from '../options/BenchOptions';
import { formatCount, formatShare, formatSpread } from '../report/formatNumber';
import { log } from '../report/log';
import { ScenarioReport, Verdict } from '../report/ScenarioReport';
import { summarize, Summary } from '../report/summarize';
import { verdictOf } from '../report/verdictOf';
import { compressLimit, ratePerSecond } from './compressLimit';
import { connectClient } from './connectClient';
import { measureCeilingRun, WARMUP_MS } from './measureCeilingRun';
import { VENDOR_PROFILES } from './vendorProfiles';
import { VendorProfile } from './VendorProfile';

const TARGET_SHARE = 0.9;
const MAX_THROTTLED = 0.01;
/** Enough members for a run at the ceiling through the window, at most this many. */
const MAX_MEMBERS = 2_000_000;
/** Members for a vendor without a request budget. */
const UNLIMITED_MEMBERS = 200_000;
/** Seconds of the documented rate a shrunken burst allowance holds. */
const BURST_SECONDS = 1;
/** The emulator's burst must hold one batch's calls (Salesforce: up to four). */
const MIN_EMULATOR_BURST = 4;

export interface CeilingCase {
  vendor: string;
  database: DatabaseKind;
  members: number;
  batchSize: number;
  emulatorLimit: RateLimit | null;
  clientLimit?: RateLimit;
  /** Requests/s the emulator allows in the steady state; null without a budget. */
  ceiling: number | null;
  requestsPerSecond: Summary;
  membersPerSecond: Summary;
  /** Requests per batch of members, as observed (a batch may take several calls). */
  callsPerBatch: number;
  share: Summary | null;
  throttledShare: Summary;
  verdict: Verdict;
}

/**
 * Rate ceilings: each vendor's connector through the whole engine against its emulator at the
 * documented budget, measured in the steady state: how much of the budget a sync uses, and how often
 * the vendor had to throttle it.
 */
export async function runCeilingScenario(
  options: BenchOptions,
): Promise<ScenarioReport> {
  // Production stores are PostgreSQL; SQLite when no server is given.
  const database: DatabaseKind =
    options.pgConnection && options.databases.includes('pg') ? 'pg' : 'sqlite';
  const cases: CeilingCase[] = [];
  for (const profile of VENDOR_PROFILES.filter(p =>
    options.vendors.includes(p.name),
  )) {
    cases.push(await runVendor(profile, database, options));
  }
  return {
    scenario: 'ceilings',
    title: 'Rate ceilings: vendor connectors at their documented budgets',
    target: `≥ ${formatShare(TARGET_SHARE)} of the ceiling, ≤ ${formatShare(
      MAX_THROTTLED,
    )} of requests throttled`,
    columns: [
      'Vendor',
      'Budget',
      'Ceiling req/s',
      'Achieved req/s',
      'Share',
      'Members/s',
      'Calls/batch',
      'Throttled',
      'Verdict',
    ],
    rows: cases.map(c => {
      const profile = VENDOR_PROFILES.find(p => p.name === c.vendor)!;
      return [
        profile.label,
        profile.limitText,
        c.ceiling === null ? 'none' : c.ceiling.toFixed(2),
        formatSpread(c.requestsPerSecond, v => v.toFixed(2)),
        c.share ? formatSpread(c.share, formatShare) : 'n/a',
        formatSpread(c.membersPerSecond, formatCount),
        c.callsPerBatch.toFixed(2),
        formatSpread(c.throttledShare, formatShare),
        c.verdict,
      ];
    }),
    notes: [
      `Each budget runs at its documented rate with its burst allowance shrunk to ${BURST_SECONDS} s of that rate, on both sides (emulator and the engine's limiter): an hourly or daily bucket starts full and a run of seconds would never leave it. Measured for ${
        options.ceilingSeconds
      } s from ${WARMUP_MS / 1000} s after the first request; the store is ${
        database === 'pg' ? 'PostgreSQL' : 'SQLite'
      }.`,
      'Members/s ceiling = ceiling req/s ÷ calls/batch × batch size, so its share equals the request share.',
    ],
    data: cases,
  };
}

async function runVendor(
  profile: VendorProfile,
  database: DatabaseKind,
  options: BenchOptions,
): Promise<CeilingCase> {
  const emulatorLimit = profile.documentedLimit
    ? compressLimit(profile.documentedLimit, {
        speedup: profile.speedup,
        burstSeconds: BURST_SECONDS,
        minBurst: MIN_EMULATOR_BURST,
      })
    : null;
  const ceiling = emulatorLimit ? ratePerSecond(emulatorLimit) : null;
  const members = ceiling
    ? Math.min(
        MAX_MEMBERS,
        Math.ceil(
          ceiling *
            profile.maxBatch *
            (WARMUP_MS / 1000 + options.ceilingSeconds + 5),
        ),
      )
    : UNLIMITED_MEMBERS;
  const destinationId = `bench-${profile.name}`;
  const target = targetFor(database, 'ceiling', members, options, profile.name);
  const dataSet = await prepareDataSet(
    target,
    { size: members, churn: false, destinationId },
    options,
  );
  const emulator = await profile.start(members);
  try {
    const settings = profile.settings(emulator);
    const client = await connectClient(
      profile.connectorType,
      destinationId,
      settings,
    );
    const object = (await client.listObjects()).find(
      o => o.name === profile.objectName,
    );
    if (!object)
      throw new Error(`${profile.label}: no '${profile.objectName}'`);
    const declared = client.capabilities.rateLimit;
    const clientLimit = declared
      ? compressLimit(declared, {
          speedup: profile.speedup,
          burstSeconds: BURST_SECONDS,
          minBurst: 1,
        })
      : undefined;
    const windows = [];
    for (let run = 0; run < options.runs; run++) {
      log(`ceiling ${profile.name}: run ${run + 1}`);
      const window = await measureCeilingRun({
        target,
        dataSet,
        emulator,
        emulatorLimit,
        destination: {
          id: destinationId,
          type: profile.connectorType,
          settings,
        },
        clientLimit,
        object,
        identifierField: profile.identifierField,
        seconds: options.ceilingSeconds,
      });
      if (!window) {
        throw new Error(`${profile.label}: the run sent too little to measure`);
      }
      windows.push(window);
    }
    const requestsPerSecond = summarize(
      windows.map(w => (w.requests - w.throttled) / w.seconds),
    );
    const throttledShare = summarize(
      windows.map(w => (w.requests ? w.throttled / w.requests : 0)),
    );
    const { batchSize } = client.capabilities;
    const accepted = windows.reduce(
      (sum, w) => sum + w.requests - w.throttled,
      0,
    );
    const batches = windows.reduce((sum, w) => sum + w.members, 0) / batchSize;
    const share = ceiling
      ? summarize(requestsPerSecond.samples.map(r => r / ceiling))
      : null;
    return {
      vendor: profile.name,
      database,
      members,
      batchSize,
      emulatorLimit,
      clientLimit,
      ceiling,
      requestsPerSecond,
      membersPerSecond: summarize(windows.map(w => w.members / w.seconds)),
      callsPerBatch: batches > 0 ? accepted / batches : 0,
      share,
      throttledShare,
      verdict: verdictOf(
        share !== null &&
          share.median >= TARGET_SHARE &&
          throttledShare.median <= MAX_THROTTLED,
        share !== null,
      ),
    };
  } finally {
    await emulator.close();
  }
}
