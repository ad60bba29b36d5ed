import { normalizeEmail } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { sha256Hex } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { normalizePhone } from '../backend';
import { BenchOptions } from '../options/BenchOptions';
import { formatCount, formatSpread } from '../report/formatNumber';
import { log } from '../report/log';
import { ScenarioReport, Verdict } from '../report/ScenarioReport';
import { summarize, Summary } from '../report/summarize';
import { verdictOf } from '../report/verdictOf';

const TARGET_PER_SECOND = 1_000_000;

const rawEmail = (i: number) => ` Customer.${i}@Example.com `;
/** Area codes in service, so that every number is valid in the US numbering plan. */
const AREA_CODES = [201, 212, 213, 305, 312, 404, 415, 512, 617, 646, 702, 718];
const rawPhone = (i: number) =>
  `(${AREA_CODES[i % AREA_CODES.length]}) ${
    200 + (Math.floor(i / AREA_CODES.length) % 800)
  }-${String(i % 10_000).padStart(4, '0')}`;

/** Italian numbers as written at home: a 0 (landline) or 3 (mobile) that stays after the +39. */
const rawItalianPhone = (i: number) =>
  i % 2 === 0
    ? `06 ${String(1000 + (i % 9000))} ${String(i % 10_000).padStart(4, '0')}`
    : `3${String(20 + (i % 70))} ${String(100 + (i % 900))} ${String(
        i % 10_000,
      ).padStart(4, '0')}`;

/**
 * Raw identifiers as warehouses hold them (mixed case, stray spaces, written phone numbers), through
 * the connectors' normalize-then-hash path. Only emails carry the target: phones go through
 * libphonenumber's numbering plans, which the rows measure (national numbers read in the destination's
 * `defaultRegion`, numbers written with their country, and with an extension).
 */
const hashPhone =
  (defaultRegion: 'US' | 'IT') =>
  (raw: string): string | undefined => {
    const normalized = normalizePhone(raw, { defaultRegion });
    return normalized === undefined ? undefined : sha256Hex(normalized);
  };

/** Phones are measured over a tenth of `--hash-count`: the numbering plans make each one far slower. */
const PHONE_SHARE = 0.1;

const KINDS = {
  email: {
    raw: rawEmail,
    hashOf: (raw: string) => {
      const normalized = normalizeEmail(raw);
      return normalized === undefined ? undefined : sha256Hex(normalized);
    },
    target: true,
    share: 1,
  },
  'phone (US national)': {
    raw: rawPhone,
    hashOf: hashPhone('US'),
    target: false,
    share: PHONE_SHARE,
  },
  'phone (IT national)': {
    raw: rawItalianPhone,
    hashOf: hashPhone('IT'),
    target: false,
    share: PHONE_SHARE,
  },
  'phone (+1 international)': {
    raw: (i: number) => `+1 ${rawPhone(i)}`,
    hashOf: hashPhone('IT'),
    target: false,
    share: PHONE_SHARE,
  },
  'phone with extension': {
    raw: (i: number) => `${rawPhone(i)} ext. ${i % 100}`,
    hashOf: hashPhone('US'),
    target: false,
    share: PHONE_SHARE,
  },
};

export interface HashingCase {
  kind: keyof typeof KINDS;
  count: number;
  perSecond: Summary;
  verdict: Verdict;
}

/**
 * Hashing: normalize and SHA-256 (lowercase hex) identifiers in one thread, as a connector prepares a
 * batch for Meta or Google. The raw values are built before the clock starts.
 */
export async function runHashingScenario(
  options: BenchOptions,
): Promise<ScenarioReport> {
  const cases: HashingCase[] = [];
  for (const kind of Object.keys(KINDS) as Array<keyof typeof KINDS>) {
    const { raw, hashOf, target, share } = KINDS[kind];
    const values = Array.from(
      { length: Math.max(1, Math.round(options.hashCount * share)) },
      (_, i) => raw(i),
    );
    log(
      `hashing ${formatCount(values.length)} × ${kind}: ${options.runs} runs`,
    );
    hashAll(values.slice(0, 10_000), hashOf);
    const rates: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const startedAt = performance.now();
      const hashed = hashAll(values, hashOf);
      const seconds = (performance.now() - startedAt) / 1000;
      if (hashed !== values.length) {
        throw new Error(
          `Only ${hashed} of ${values.length} ${kind}s were valid`,
        );
      }
      rates.push(values.length / seconds);
    }
    const perSecond = summarize(rates);
    cases.push({
      kind,
      count: values.length,
      perSecond,
      verdict: verdictOf(perSecond.median >= TARGET_PER_SECOND, target),
    });
  }
  return {
    scenario: 'hashing',
    title: 'Hashing: normalized SHA-256 identifiers on one core',
    target: `≥ ${formatCount(TARGET_PER_SECOND)} identifiers/s on one core`,
    columns: ['Identifier', 'Per run', 'Identifiers/s', 'Verdict'],
    rows: cases.map(c => [
      c.kind,
      formatCount(c.count),
      formatSpread(c.perSecond, formatCount),
      c.verdict,
    ]),
    notes: [
      "normalizeEmail from -common, normalizePhone (libphonenumber-js, the destination's defaultRegion) from the backend, then sha256Hex (crypto.hash) from -node; only emails carry the target; phone rows (over a tenth of the count) have no verdict.",
    ],
    data: cases,
  };
}

function hashAll(
  values: string[],
  hashOf: (raw: string) => string | undefined,
): number {
  let hashed = 0;
  for (const value of values) {
    if (hashOf(value)?.length === 64) hashed += 1;
  }
  return hashed;
}
