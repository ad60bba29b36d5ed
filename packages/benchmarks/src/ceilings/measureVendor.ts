import type { RateLimit } from '@internal/destination-emulators';
import { prepareDataSet } from '../data/prepareDataSet';
import { targetFor } from '../db/targetFor';
import { BenchOptions, DatabaseKind } from '../options/BenchOptions';
import { log } from '../report/log';
import { Verdict } from '../report/ScenarioReport';
import { summarize, Summary } from '../report/summarize';
import { verdictOf } from '../report/verdictOf';
import { compressLimit, ratePerSecond } from './compressLimit';
import { connectClient } from './connectClient';
import { measureCeilingRun, WARMUP_MS } from './measureCeilingRun';
import { VendorProfile } from './VendorProfile';

export const TARGET_SHARE = 0.9;
export const MAX_THROTTLED = 0.01;
/** Enough members for a run at the ceiling through the window, at most this many. */
const MAX_MEMBERS = 2_000_000;
/** Members for a vendor without a request budget. */
const UNLIMITED_MEMBERS = 200_000;
/** Seconds of the documented rate a shrunken burst allowance holds. */
export const BURST_SECONDS = 1;
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
 * One vendor at its documented budget: its emulator and data set, the client's declared budget shrunk
 * like the emulator's, then the runs, each measured in its steady window.
 */
export async function measureVendor(
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
