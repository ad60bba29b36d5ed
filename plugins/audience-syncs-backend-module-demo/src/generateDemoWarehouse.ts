import { Knex } from 'knex';

/** The table the demo warehouse holds; the demo audiences query it. */
export const DEMO_CUSTOMERS_TABLE = 'customers';

/** How many customers the demo warehouse holds unless told otherwise. */
export const DEFAULT_DEMO_CUSTOMERS = 60000;

/** Fixed seed of the generator: the demo warehouse holds the same rows on every machine. */
const SEED = 0x5eed_a0d1;

/**
 * Rows per multi-row insert. Knex writes a SQLite multi-row insert as `insert … select … union all select …`,
 * and SQLite allows at most 500 terms in a compound select (SQLITE_MAX_COMPOUND_SELECT); 500 rows of 13
 * columns also stay far below SQLite's 32766 bound variables and PostgreSQL's 65535.
 */
const BATCH_SIZE = 500;

/** The first and last day a purchase can have happened on (the demo's "today" is the last one). */
const PURCHASES_FROM = '2024-01-01';
const PURCHASES_TO = '2026-10-31';
/** The first day a customer can have signed up on. */
const SIGNUPS_FROM = '2019-01-01';

// ---------------------------------------------------------------------------------------------------------
// Reference data (first, as the generator below reads it)

const COUNTRY_WEIGHTS = [
  ['US', 34],
  ['GB', 11],
  ['DE', 9],
  ['FR', 7],
  ['CA', 6],
  ['AU', 5],
  ['BR', 6],
  ['IN', 7],
  ['JP', 5],
  ['ES', 4],
  ['NL', 3],
  ['SE', 3],
] as const;

/** The countries customers live in (ISO 3166-1 alpha-2). */
export const DEMO_COUNTRIES: readonly string[] = COUNTRY_WEIGHTS.map(
  ([country]) => country,
);

const PLAN_WEIGHTS = [
  ['free', 55],
  ['starter', 25],
  ['pro', 15],
  ['enterprise', 5],
] as const;

/** The plans customers are on. */
export const DEMO_PLAN_TYPES: readonly string[] = PLAN_WEIGHTS.map(
  ([plan]) => plan,
);

const PLANS: Record<
  string,
  {
    /** Share of customers who never purchased (lifetime value 0). */
    neverPurchasedShare: number;
    /** Scale of the lifetime value of those who did. */
    valueScale: number;
    activeShare: number;
    optInShare: number;
  }
> = {
  free: {
    neverPurchasedShare: 0.5,
    valueScale: 40,
    activeShare: 0.55,
    optInShare: 0.38,
  },
  starter: {
    neverPurchasedShare: 0.06,
    valueScale: 220,
    activeShare: 0.85,
    optInShare: 0.5,
  },
  pro: {
    neverPurchasedShare: 0.02,
    valueScale: 1100,
    activeShare: 0.9,
    optInShare: 0.55,
  },
  enterprise: {
    neverPurchasedShare: 0.01,
    valueScale: 9000,
    activeShare: 0.94,
    optInShare: 0.45,
  },
};

type NamePool =
  | 'english'
  | 'german'
  | 'french'
  | 'hispanic'
  | 'indian'
  | 'japanese'
  | 'dutch'
  | 'swedish';

/** A list written as whitespace-separated words. */
function words(list: string): readonly string[] {
  return list.trim().split(/\s+/);
}

const NAMES: Record<
  NamePool,
  { first: readonly string[]; last: readonly string[] }
> = {
  english: {
    first: words(`
      James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara
      Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Emily Matthew Olivia
      Anthony Emma Mark Sophia Andrew Chloe Joshua Grace Ryan Hannah Liam Ava Noah Mia Ethan
      Zoe Jack Amelia Oliver Isla Harry Lucy Samuel Megan
    `),
    last: words(`
      Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore
      Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright
      Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell
      Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Bell Cooper Ward Hughes
      Wood Kelly Price Bennett Gray
    `),
  },
  german: {
    first: words(`
      Lukas Anna Leon Lena Finn Lea Jonas Hannah Paul Mia Felix Laura Maximilian Julia Tim
      Sophie Jan Katharina Niklas Marie Stefan Sabine Thomas Claudia Andreas Petra Michael
      Nicole
    `),
    last: words(`
      Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter
      Klein Wolf Schroder Neumann Schwarz Zimmermann Braun Kruger Hofmann Hartmann Lange
      Schmitt Werner Krause
    `),
  },
  french: {
    first: words(`
      Lucas Camille Hugo Manon Louis Chloe Gabriel Ines Arthur Lea Jules Louise Nathan Jade
      Raphael Alice Thomas Julie Nicolas Claire Antoine Margaux Pierre Elise
    `),
    last: words(`
      Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent
      Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard Andre Mercier
    `),
  },
  hispanic: {
    first: words(`
      Lucia Hugo Sofia Mateo Martina Pablo Maria Daniel Paula Alejandro Valentina Diego Carmen
      Javier Laura Gabriel Ana Rafael Beatriz Pedro Juliana Thiago Camila Felipe
    `),
    last: words(`
      Garcia Rodriguez Gonzalez Fernandez Lopez Martinez Sanchez Perez Gomez Martin Silva
      Santos Oliveira Souza Lima Pereira Costa Ferreira Alves Ribeiro Ruiz Diaz Moreno Alvarez
    `),
  },
  indian: {
    first: words(`
      Aarav Priya Vivaan Ananya Aditya Diya Arjun Isha Rohan Kavya Rahul Sneha Vikram Pooja
      Karan Neha Amit Riya Sanjay Meera
    `),
    last: words(`
      Sharma Patel Singh Kumar Gupta Reddy Iyer Nair Mehta Joshi Shah Rao Verma Das Bose
      Chopra Malhotra Kapoor Pillai Desai
    `),
  },
  japanese: {
    first: words(`
      Haruto Yui Sota Hina Yuto Sakura Riku Aoi Ren Mei Kaito Yuna Takumi Rin Hiroshi Yuki
      Kenji Akiko Daiki Naomi
    `),
    last: words(`
      Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida
      Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori
    `),
  },
  dutch: {
    first: words(`
      Daan Emma Sem Julia Lucas Tess Levi Sophie Bram Anna Thijs Fleur Ruben Lotte Jesse Sanne
    `),
    last: words(`
      Jansen Visser Smit Meijer Bakker Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra
      Kok Jacobs Willems
    `),
  },
  swedish: {
    first: words(`
      Erik Elsa Lars Maja Anders Astrid Johan Ebba Karl Alva Oskar Linnea Nils Ingrid Axel
      Freja
    `),
    last: words(`
      Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
      Pettersson Jonsson Lindberg Lindqvist Berg Holm
    `),
  },
};

const INTERNATIONAL_DOMAINS = [
  ['gmail.com', 40],
  ['outlook.com', 10],
  ['hotmail.com', 8],
  ['yahoo.com', 8],
  ['icloud.com', 7],
  ['proton.me', 2],
] as const;

interface CountryProfile {
  names: NamePool;
  domains: ReadonlyArray<readonly [string, number]>;
  phone: PhoneGenerator;
}

const COUNTRIES: Record<string, CountryProfile> = {
  US: {
    names: 'english',
    domains: [...INTERNATIONAL_DOMAINS, ['aol.com', 3], ['comcast.net', 2]],
    phone: northAmerican(
      words(
        '206 212 213 303 305 310 312 404 415 469 512 602 617 646 702 713 718 773 808 917 919',
      ),
    ),
  },
  CA: {
    names: 'english',
    domains: [...INTERNATIONAL_DOMAINS, ['rogers.com', 3], ['shaw.ca', 2]],
    phone: northAmerican(words('416 437 514 604 613 647 780 403')),
  },
  GB: {
    names: 'english',
    domains: [
      ...INTERNATIONAL_DOMAINS,
      ['btinternet.com', 4],
      ['sky.com', 2],
      ['yahoo.co.uk', 4],
    ],
    phone: random =>
      random() < 0.75
        ? {
            callingCode: '44',
            groups: [
              `7${4 + Math.floor(random() * 6)}${digits(random, 2)}`,
              digits(random, 6),
            ],
          }
        : {
            callingCode: '44',
            groups: [
              '20',
              `${7 + Math.floor(random() * 2)}${digits(random, 3)}`,
              digits(random, 4),
            ],
          },
  },
  AU: {
    names: 'english',
    domains: [
      ...INTERNATIONAL_DOMAINS,
      ['bigpond.com', 4],
      ['optusnet.com.au', 2],
    ],
    phone: random => ({
      callingCode: '61',
      groups: [`4${digits(random, 2)}`, digits(random, 3), digits(random, 3)],
    }),
  },
  DE: {
    names: 'german',
    domains: [
      ...INTERNATIONAL_DOMAINS,
      ['gmx.de', 14],
      ['web.de', 12],
      ['t-online.de', 6],
    ],
    phone: random => ({
      callingCode: '49',
      groups: [
        pickFrom(random, words('151 152 160 162 170 171 176')),
        digits(random, 8),
      ],
    }),
  },
  FR: {
    names: 'french',
    domains: [
      ...INTERNATIONAL_DOMAINS,
      ['orange.fr', 12],
      ['free.fr', 8],
      ['laposte.net', 4],
    ],
    phone: random => ({
      callingCode: '33',
      groups: [
        `${6 + Math.floor(random() * 2)}`,
        digits(random, 2),
        digits(random, 2),
        digits(random, 2),
        digits(random, 2),
      ],
    }),
  },
  ES: {
    names: 'hispanic',
    domains: [...INTERNATIONAL_DOMAINS, ['telefonica.net', 3], ['yahoo.es', 4]],
    phone: random => ({
      callingCode: '34',
      groups: [`6${digits(random, 2)}`, digits(random, 3), digits(random, 3)],
    }),
  },
  BR: {
    names: 'hispanic',
    domains: [
      ...INTERNATIONAL_DOMAINS,
      ['uol.com.br', 6],
      ['bol.com.br', 4],
      ['yahoo.com.br', 4],
    ],
    phone: random => ({
      callingCode: '55',
      groups: [
        ['11', '21', '31', '41', '51', '61', '71', '81'][
          Math.floor(random() * 8)
        ],
        `9${digits(random, 4)}`,
        digits(random, 4),
      ],
    }),
  },
  IN: {
    names: 'indian',
    domains: [
      ...INTERNATIONAL_DOMAINS,
      ['rediffmail.com', 6],
      ['yahoo.co.in', 6],
    ],
    phone: random => ({
      callingCode: '91',
      groups: [
        `${6 + Math.floor(random() * 4)}${digits(random, 4)}`,
        digits(random, 5),
      ],
    }),
  },
  JP: {
    names: 'japanese',
    domains: [
      ...INTERNATIONAL_DOMAINS,
      ['yahoo.co.jp', 14],
      ['docomo.ne.jp', 6],
      ['ezweb.ne.jp', 4],
    ],
    phone: random => ({
      callingCode: '81',
      groups: [
        pickFrom(random, words('70 80 90')),
        digits(random, 4),
        digits(random, 4),
      ],
    }),
  },
  NL: {
    names: 'dutch',
    domains: [
      ...INTERNATIONAL_DOMAINS,
      ['ziggo.nl', 6],
      ['kpnmail.nl', 4],
      ['hotmail.nl', 4],
    ],
    phone: random => ({ callingCode: '31', groups: ['6', digits(random, 8)] }),
  },
  SE: {
    names: 'swedish',
    domains: [...INTERNATIONAL_DOMAINS, ['telia.com', 6], ['live.se', 4]],
    phone: random => ({
      callingCode: '46',
      groups: [
        pickFrom(random, words('70 72 73 76')),
        digits(random, 3),
        digits(random, 2),
        digits(random, 2),
      ],
    }),
  },
};

// ---------------------------------------------------------------------------------------------------------
// Generator

export interface DemoCustomer {
  customer_id: string;
  email: string | null;
  phone: string | null;
  device_id: string | null;
  first_name: string;
  last_name: string;
  country: string;
  plan_type: string;
  lifetime_value: number;
  last_purchase_date: string | null;
  signup_date: string;
  email_opt_in: number;
  is_active: number;
}

/**
 * Creates the deterministic demo warehouse: a `customers` table of `options.customers` (default 60,000)
 * generated rows, indexed on `plan_type` and `country`. Does nothing when the table already holds rows.
 *
 * Atomicity: everything (create table, inserts, indexes) runs in one transaction. SQLite and PostgreSQL —
 * the two databases the portal runs on — both roll DDL back with the transaction, so a crash or an error
 * leaves no table at all rather than a half-filled one, and the next start simply generates again. This is
 * simpler than filling a temporary table and renaming it, which on PostgreSQL would also leave the indexes
 * carrying the temporary name. (A database whose DDL commits implicitly, like MySQL, would lose that
 * guarantee; the demo warehouse is never one.)
 */
export async function generateDemoWarehouse(
  knex: Knex,
  options?: { customers?: number },
): Promise<{ created: boolean; customers: number }> {
  const count = options?.customers ?? DEFAULT_DEMO_CUSTOMERS;
  if (!Number.isInteger(count) || count < 0) {
    throw new TypeError(
      `customers must be a non-negative integer, got ${count}`,
    );
  }

  const existing = await countExistingCustomers(knex);
  if (existing !== undefined && existing > 0) {
    return { created: false, customers: existing };
  }

  const rows = generateDemoCustomers(count);
  try {
    return await knex.transaction(async trx => {
      // Checked again inside the transaction, in case another process generated it in the meantime.
      const found = await countExistingCustomers(trx);
      if (found !== undefined && found > 0) {
        return { created: false, customers: found };
      }
      // A table without rows can only be one this function never finished filling (its transaction
      // would have been rolled back), or one created by hand; either way it is rebuilt.
      await trx.schema.dropTableIfExists(DEMO_CUSTOMERS_TABLE);
      await trx.schema.createTable(DEMO_CUSTOMERS_TABLE, table => {
        table.string('customer_id', 32).primary();
        table.string('email', 320).nullable();
        table.string('phone', 32).nullable();
        table.string('device_id', 36).nullable();
        table.string('first_name', 100).notNullable();
        table.string('last_name', 100).notNullable();
        table.string('country', 2).notNullable();
        table.string('plan_type', 16).notNullable();
        table.double('lifetime_value').notNullable();
        table.string('last_purchase_date', 10).nullable();
        table.string('signup_date', 10).notNullable();
        table.integer('email_opt_in').notNullable();
        table.integer('is_active').notNullable();
      });
      for (let start = 0; start < rows.length; start += BATCH_SIZE) {
        await trx(DEMO_CUSTOMERS_TABLE).insert(
          rows.slice(start, start + BATCH_SIZE),
        );
      }
      // Created after the inserts: building an index once is cheaper than maintaining it row by row.
      await trx.schema.alterTable(DEMO_CUSTOMERS_TABLE, table => {
        table.index(['plan_type'], 'customers_plan_type_idx');
        table.index(['country'], 'customers_country_idx');
      });
      return { created: true, customers: rows.length };
    });
  } catch (error) {
    // Another process starting at the same time may have generated the warehouse first (on PostgreSQL
    // our CREATE TABLE then fails once its transaction commits); its rows are the same as ours would be.
    const generatedMeanwhile = await countExistingCustomers(knex).catch(
      () => undefined,
    );
    if (generatedMeanwhile !== undefined && generatedMeanwhile > 0) {
      return { created: false, customers: generatedMeanwhile };
    }
    throw error;
  }
}

/** The number of rows in the customers table, or undefined when there is no such table. */
async function countExistingCustomers(
  knex: Knex | Knex.Transaction,
): Promise<number | undefined> {
  if (!(await knex.schema.hasTable(DEMO_CUSTOMERS_TABLE))) {
    return undefined;
  }
  const [{ count }] = await knex(DEMO_CUSTOMERS_TABLE).count({ count: '*' });
  return Number(count);
}

/**
 * Generates the demo customers in memory. Pure and deterministic: it draws from a seeded PRNG and uses
 * nothing but integer arithmetic, + - * / and Math.sqrt (all exactly specified by IEEE 754), so every
 * JavaScript engine on every platform produces the same rows — no Math.random, no clock, no Math.exp/log.
 */
export function generateDemoCustomers(count: number): DemoCustomer[] {
  const random = mulberry32(SEED);

  const usedEmails = new Set<string>();
  const signupsFrom = dayNumber(SIGNUPS_FROM);
  const purchasesFrom = dayNumber(PURCHASES_FROM);
  const purchasesTo = dayNumber(PURCHASES_TO);

  const customers: DemoCustomer[] = [];
  for (let i = 1; i <= count; i++) {
    const country = weighted(COUNTRY_WEIGHTS, random());
    const region = COUNTRIES[country];
    const names = NAMES[region.names];
    const firstName = pickFrom(random, names.first);
    const lastName = pickFrom(random, names.last);
    const planType = weighted(PLAN_WEIGHTS, random());
    const plan = PLANS[planType];

    // Sign-ups grow over time: the square root of a uniform draw leans towards the recent end.
    const signup =
      signupsFrom +
      Math.floor(Math.sqrt(random()) * (purchasesTo - signupsFrom + 1));
    const isActive = chance(random, plan.activeShare);

    let lifetimeValue = 0;
    let lastPurchase: number | null = null;
    if (!chance(random, plan.neverPurchasedShare)) {
      // Pareto (alpha 2) around the plan's scale: most customers near it, a long tail far above it,
      // bounded at 60x the scale so a single whale does not dominate the demo.
      const tail = 1 / Math.sqrt(Math.max(random(), 1 / 3600));
      lifetimeValue = roundCents(
        plan.valueScale * (0.4 + 0.6 * random()) * tail,
      );
      const windowStart = Math.max(signup, purchasesFrom);
      const window = purchasesTo - windowStart;
      // Active customers bought recently (a squared uniform draw leans towards zero days ago); inactive
      // ones bought in the older part of their window.
      const recency = random();
      const daysAgo = isActive
        ? Math.floor(window * recency * recency)
        : Math.floor(window * (0.35 + 0.65 * recency));
      lastPurchase = purchasesTo - daysAgo;
    }

    const email = chance(random, 0.01)
      ? null
      : uniqueEmail(firstName, lastName, region.domains, random, usedEmails);
    const emailOptIn =
      email !== null && chance(random, plan.optInShare) ? 1 : 0;

    customers.push({
      customer_id: `cus_${String(i).padStart(6, '0')}`,
      email,
      phone: phoneNumber(country, random),
      device_id: chance(random, 0.4) ? null : deviceId(random),
      first_name: firstName,
      last_name: lastName,
      country,
      plan_type: planType,
      lifetime_value: lifetimeValue,
      last_purchase_date: lastPurchase === null ? null : isoDate(lastPurchase),
      signup_date: isoDate(signup),
      email_opt_in: emailOptIn,
      is_active: isActive ? 1 : 0,
    });
  }
  return customers;
}

/** mulberry32: a small, fast 32-bit PRNG; returns floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function chance(random: () => number, probability: number): boolean {
  return random() < probability;
}

function pickFrom<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)];
}

function weighted<K extends string>(
  weights: ReadonlyArray<readonly [K, number]>,
  draw: number,
): K {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = draw * total;
  for (const [value, weight] of weights) {
    remaining -= weight;
    if (remaining < 0) {
      return value;
    }
  }
  return weights[weights.length - 1][0];
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------
// Emails

const GMAIL_TAGS = ['shop', 'news', 'deals', 'promo', 'signup', 'ads', 'work'];

/**
 * An email address no other customer has — not even once normalised the way destinations match them
 * (trimmed and lower-cased; for Gmail also without dots and `+tag`), so that two customers never share a
 * hashed identifier. Mostly `first.last@domain`; a few with capitals or surrounding spaces; some Gmail
 * addresses with dots and `+tags`. A collision gets a number appended to the name: `anna.muller2@…`.
 */
function uniqueEmail(
  first: string,
  last: string,
  domains: ReadonlyArray<readonly [string, number]>,
  random: () => number,
  used: Set<string>,
): string {
  const firstLower = first.toLowerCase();
  const lastLower = last.toLowerCase();
  const style = random();

  let domain: string;
  let local: string;
  let tag = '';
  if (style < 0.1) {
    // Gmail with dots and a +tag: `anna.k.muller+shop@gmail.com`.
    domain = 'gmail.com';
    local = chance(random, 0.3)
      ? `${firstLower}.${String.fromCharCode(
          97 + Math.floor(random() * 26),
        )}.${lastLower}`
      : `${firstLower}.${lastLower}`;
    if (chance(random, 0.8)) {
      tag = `+${pickFrom(random, GMAIL_TAGS)}`;
    }
  } else {
    domain = weighted(domains, random());
    const shape = random();
    if (shape < 0.82) {
      local = `${firstLower}.${lastLower}`;
    } else if (shape < 0.9) {
      local = `${firstLower}${lastLower}`;
    } else if (shape < 0.96) {
      local = `${firstLower[0]}.${lastLower}`;
    } else {
      local = `${firstLower}_${lastLower}`;
    }
  }

  let candidate = `${local}${tag}@${domain}`;
  for (let n = 2; used.has(matchKey(candidate)); n++) {
    candidate = `${local}${n}${tag}@${domain}`;
  }
  used.add(matchKey(candidate));

  // About 7% were typed carelessly: capitals, surrounding spaces, or both.
  const messiness = random();
  if (messiness < 0.03) {
    candidate = capitalise(candidate);
  } else if (messiness < 0.045) {
    candidate = candidate.toUpperCase();
  } else if (messiness < 0.06) {
    candidate = ` ${candidate} `;
  } else if (messiness < 0.07) {
    candidate = `  ${capitalise(candidate)}`;
  }
  return candidate;
}

/** `anna.muller@gmx.de` → `Anna.Muller@Gmx.de`: each name and the domain start with a capital. */
function capitalise(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email
    .slice(0, at)
    .replace(
      /(^|[._])([a-z])/g,
      (_, before: string, letter: string) => `${before}${letter.toUpperCase()}`,
    );
  const domain = email.slice(at + 1);
  return `${local}@${domain[0].toUpperCase()}${domain.slice(1)}`;
}

/** How destinations match an address: trimmed, lower-cased, and for Gmail without dots and `+tag`. */
function matchKey(email: string): string {
  const normalised = email.trim().toLowerCase();
  const at = normalised.lastIndexOf('@');
  const domain = normalised.slice(at + 1);
  if (domain !== 'gmail.com' && domain !== 'googlemail.com') {
    return normalised;
  }
  const local = normalised.slice(0, at).split('+')[0].replace(/\./g, '');
  return `${local}@gmail.com`;
}

// ---------------------------------------------------------------------------------------------------------
// Phones and devices

const INVALID_PHONES = ['12', '0', '123', '555', '1234567', '+1', '000'];

/**
 * Mostly E.164 (`+14155550123`); some formatted for humans (`(415) 555-0123`, `+44 20 7946 0958`); about
 * 10% missing and a few invalid (`12`).
 */
function phoneNumber(country: string, random: () => number): string | null {
  const kind = random();
  if (kind < 0.1) {
    return null;
  }
  if (kind < 0.108) {
    return pickFrom(random, INVALID_PHONES);
  }
  const { callingCode, groups } = COUNTRIES[country].phone(random);
  if (kind < 0.86) {
    return `+${callingCode}${groups.join('')}`;
  }
  if (callingCode === '1') {
    const [area, exchange, line] = groups;
    return kind < 0.95
      ? `(${area}) ${exchange}-${line}`
      : `${area}-${exchange}-${line}`;
  }
  return `+${callingCode} ${groups.join(' ')}`;
}

function digits(random: () => number, length: number): string {
  let result = '';
  for (let i = 0; i < length; i++) {
    result += Math.floor(random() * 10);
  }
  return result;
}

type PhoneGenerator = (random: () => number) => {
  callingCode: string;
  groups: string[];
};

function northAmerican(areaCodes: readonly string[]): PhoneGenerator {
  return random => ({
    callingCode: '1',
    groups: [
      pickFrom(random, areaCodes),
      `${2 + Math.floor(random() * 8)}${digits(random, 2)}`,
      digits(random, 4),
    ],
  });
}

/** A mobile advertising ID: UUID format, upper case for iOS (IDFA), lower case for Android (AAID). */
function deviceId(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 4; i++) {
    hex += ((random() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  }
  const variant = '89ab'[Math.floor(random() * 4)];
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return random() < 0.45 ? uuid.toUpperCase() : uuid;
}
