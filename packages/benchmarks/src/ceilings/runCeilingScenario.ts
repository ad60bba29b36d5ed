import { BenchOptions, DatabaseKind } from '../options/BenchOptions';
import { formatCount, formatShare, formatSpread } from '../report/formatNumber';
import { ScenarioReport } from '../report/ScenarioReport';
import { WARMUP_MS } from './measureCeilingRun';
import {
  BURST_SECONDS,
  CeilingCase,
  MAX_THROTTLED,
  measureVendor,
  TARGET_SHARE,
} from './measureVendor';
import { VENDOR_PROFILES } from './vendorProfiles';

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
    cases.push(await measureVendor(profile, database, options));
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
