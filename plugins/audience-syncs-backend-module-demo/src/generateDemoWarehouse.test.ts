import { createHash } from 'node:crypto';
import knexFactory, { Knex } from 'knex';
import {
  DEMO_COUNTRIES,
  DEMO_PLAN_TYPES,
  generateDemoWarehouse,
  DemoCustomer,
} from './generateDemoWarehouse';

function memoryDatabase(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
}

async function allRows(knex: Knex): Promise<DemoCustomer[]> {
  return knex('customers').select('*').orderBy('customer_id');
}

async function checksum(knex: Knex): Promise<string> {
  const hash = createHash('sha256');
  for (const row of await allRows(knex)) {
    hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}

/** How destinations match an email: trimmed, lower-cased, for Gmail without dots and `+tag`. */
function matchKey(email: string): string {
  const [local, domain] = email.trim().toLowerCase().split('@');
  return domain === 'gmail.com'
    ? `${local.split('+')[0].replace(/\./g, '')}@${domain}`
    : `${local}@${domain}`;
}

function share(
  rows: DemoCustomer[],
  predicate: (row: DemoCustomer) => boolean,
) {
  return rows.filter(predicate).length / rows.length;
}

describe('generateDemoWarehouse', () => {
  const databases: Knex[] = [];
  const database = () => {
    const knex = memoryDatabase();
    databases.push(knex);
    return knex;
  };

  afterAll(async () => {
    await Promise.all(databases.map(knex => knex.destroy()));
  });

  it('generates the same rows in every database', async () => {
    const first = database();
    const second = database();

    await expect(
      generateDemoWarehouse(first, { customers: 5000 }),
    ).resolves.toEqual({ created: true, customers: 5000 });
    await expect(
      generateDemoWarehouse(second, { customers: 5000 }),
    ).resolves.toEqual({ created: true, customers: 5000 });

    expect(await checksum(first)).toBe(await checksum(second));
  });

  it('generates the same rows on every machine', async () => {
    // Pinned: the member counts of the demo audiences (demoAudiences.ts) were measured on these rows.
    // When a change to the generator changes this checksum, measure the audiences again.
    const knex = database();
    await generateDemoWarehouse(knex, { customers: 1000 });

    expect(await checksum(knex)).toBe(
      'af0abb8e59c9e2496d62eb361c3a1f3618e07f039d2b3b2fc201c7883f35e2ad',
    );
  });

  it('does nothing when the warehouse already holds customers', async () => {
    const knex = database();
    await generateDemoWarehouse(knex, { customers: 700 });
    const before = await checksum(knex);

    await expect(
      generateDemoWarehouse(knex, { customers: 900 }),
    ).resolves.toEqual({ created: false, customers: 700 });
    await expect(generateDemoWarehouse(knex)).resolves.toEqual({
      created: false,
      customers: 700,
    });

    expect(await checksum(knex)).toBe(before);
  });

  it('fills a customers table left without rows', async () => {
    const knex = database();
    await knex.schema.createTable('customers', table => {
      table.string('customer_id').primary();
    });

    await expect(
      generateDemoWarehouse(knex, { customers: 300 }),
    ).resolves.toEqual({ created: true, customers: 300 });
    expect(await allRows(knex)).toHaveLength(300);
  });

  it('creates an empty table when asked for no customers, and refuses a nonsense count', async () => {
    const knex = database();

    await expect(
      generateDemoWarehouse(knex, { customers: 0 }),
    ).resolves.toEqual({ created: true, customers: 0 });
    expect(await knex.schema.hasTable('customers')).toBe(true);
    await expect(
      generateDemoWarehouse(knex, { customers: -1 }),
    ).rejects.toThrow('customers must be a non-negative integer, got -1');
    await expect(
      generateDemoWarehouse(knex, { customers: 1.5 }),
    ).rejects.toThrow(TypeError);
  });

  describe('by default', () => {
    let knex: Knex;
    let result: { created: boolean; customers: number };
    let elapsedMs: number;
    let rows: DemoCustomer[];

    beforeAll(async () => {
      knex = database();
      const start = performance.now();
      result = await generateDemoWarehouse(knex);
      elapsedMs = performance.now() - start;
      rows = await allRows(knex);
    }, 60_000);

    it('generates at least 50,000 customers, quickly', () => {
      expect(result.created).toBe(true);
      expect(result.customers).toBeGreaterThanOrEqual(50_000);
      expect(rows).toHaveLength(result.customers);
      // A couple of seconds on a laptop; the bound only catches a pathological slowdown, on a machine as loaded as CI can be.
      expect(elapsedMs).toBeLessThan(60_000);
    });

    it('indexes plan_type and country', async () => {
      const indexes = await knex('sqlite_master')
        .where({ type: 'index', tbl_name: 'customers' })
        .pluck('name');

      expect(indexes).toEqual(
        expect.arrayContaining([
          'customers_plan_type_idx',
          'customers_country_idx',
        ]),
      );
    });

    it('numbers customers cus_000001, cus_000002, …', () => {
      expect(rows[0].customer_id).toBe('cus_000001');
      expect(rows[rows.length - 1].customer_id).toBe(
        `cus_${String(rows.length).padStart(6, '0')}`,
      );
      expect(rows.every(row => /^cus_\d{6}$/.test(row.customer_id))).toBe(true);
    });

    it('gives about 1% of customers no email, and every other one a unique email', () => {
      const emails = rows.flatMap(row =>
        row.email === null ? [] : [row.email],
      );

      expect(share(rows, row => row.email === null)).toBeGreaterThan(0.006);
      expect(share(rows, row => row.email === null)).toBeLessThan(0.014);
      expect(new Set(emails).size).toBe(emails.length);
      // Unique even the way destinations match emails, so no two customers share a hashed identifier.
      expect(new Set(emails.map(matchKey)).size).toBe(emails.length);
      expect(
        emails.every(email => /^\S+@[a-z0-9.-]+\.[a-z]+$/i.test(email.trim())),
      ).toBe(true);
    });

    it('mixes clean and messy emails', () => {
      const emails = rows.flatMap(row =>
        row.email === null ? [] : [row.email],
      );
      const clean = emails.filter(email =>
        /^[a-z]+[._]?[a-z]+\d*@[a-z0-9.-]+$/.test(email),
      );
      const messy = emails.filter(
        email => email !== email.trim().toLowerCase(),
      );
      const tagged = emails.filter(email =>
        /^[a-z.]+\d*\+[a-z]+@gmail\.com$/i.test(email.trim()),
      );

      expect(clean.length / emails.length).toBeGreaterThan(0.75);
      expect(messy.length / emails.length).toBeGreaterThan(0.04);
      expect(messy.length / emails.length).toBeLessThan(0.12);
      expect(messy.some(email => email !== email.trim())).toBe(true);
      expect(messy.some(email => /[A-Z]/.test(email))).toBe(true);
      expect(tagged.length).toBeGreaterThan(1000);
    });

    it('stores phones mostly in E.164, some formatted, about 10% missing and a few invalid', () => {
      const e164 = share(rows, row =>
        /^\+[1-9]\d{9,13}$/.test(row.phone ?? ''),
      );
      const formatted = share(rows, row =>
        /^(\(\d{3}\) \d{3}-\d{4}|\d{3}-\d{3}-\d{4}|\+\d{1,3}( \d{1,8}){2,5})$/.test(
          row.phone ?? '',
        ),
      );
      const missing = share(rows, row => row.phone === null);
      const invalid = 1 - e164 - formatted - missing;

      expect(e164).toBeGreaterThan(0.7);
      expect(formatted).toBeGreaterThan(0.08);
      expect(missing).toBeGreaterThan(0.08);
      expect(missing).toBeLessThan(0.12);
      expect(invalid).toBeGreaterThan(0.002);
      expect(invalid).toBeLessThan(0.02);
      expect(rows.some(row => row.phone === '12')).toBe(true);
    });

    it('gives about 60% of customers a mobile advertising ID in upper or lower case', () => {
      const ids = rows.flatMap(row =>
        row.device_id === null ? [] : [row.device_id],
      );
      const uuid =
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

      expect(ids.length / rows.length).toBeGreaterThan(0.57);
      expect(ids.length / rows.length).toBeLessThan(0.63);
      expect(ids.every(id => uuid.test(id.toLowerCase()))).toBe(true);
      expect(ids.some(id => id === id.toUpperCase())).toBe(true);
      expect(ids.some(id => id === id.toLowerCase())).toBe(true);
      expect(new Set(ids.map(id => id.toLowerCase())).size).toBe(ids.length);
    });

    it('keeps countries and plans in their domains, weighted like a real customer base', () => {
      const countries = new Set(rows.map(row => row.country));
      const plans = new Set(rows.map(row => row.plan_type));
      const plan = (name: string) => share(rows, row => row.plan_type === name);

      expect([...countries].sort()).toEqual([...DEMO_COUNTRIES].sort());
      expect([...plans].sort()).toEqual([...DEMO_PLAN_TYPES].sort());
      expect(share(rows, row => row.country === 'US')).toBeGreaterThan(0.25);
      expect(plan('free')).toBeGreaterThan(0.45);
      expect(plan('free')).toBeGreaterThan(plan('starter'));
      expect(plan('starter')).toBeGreaterThan(plan('pro'));
      expect(plan('pro')).toBeGreaterThan(plan('enterprise'));
      expect(plan('enterprise')).toBeGreaterThan(0.02);
      expect(
        rows.every(
          row => row.first_name.length > 0 && row.last_name.length > 0,
        ),
      ).toBe(true);
    });

    it('has heavy-tailed lifetime values in cents, higher on higher plans', () => {
      const average = (name: string) => {
        const values = rows
          .filter(row => row.plan_type === name)
          .map(row => row.lifetime_value);
        return values.reduce((sum, value) => sum + value, 0) / values.length;
      };
      const values = rows.map(row => row.lifetime_value).sort((a, b) => a - b);
      const paid = values.filter(value => value > 0);
      const median = paid[Math.floor(paid.length / 2)];

      expect(
        values.every(
          value =>
            value >= 0 &&
            Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
        ),
      ).toBe(true);
      expect(paid[paid.length - 1]).toBeGreaterThan(100 * median);
      expect(average('enterprise')).toBeGreaterThan(average('pro'));
      expect(average('pro')).toBeGreaterThan(average('starter'));
      expect(average('starter')).toBeGreaterThan(average('free'));
    });

    it('has a last purchase date exactly when the lifetime value is above 0', () => {
      const date = /^\d{4}-\d{2}-\d{2}$/;
      const inRange = (value: string, from: string, to: string) =>
        date.test(value) && value >= from && value <= to;

      expect(
        rows.filter(
          row =>
            (row.last_purchase_date === null) !== (row.lifetime_value === 0),
        ),
      ).toEqual([]);
      expect(
        rows.filter(
          row => !inRange(row.signup_date, '2019-01-01', '2026-10-31'),
        ),
      ).toEqual([]);
      expect(
        rows.filter(
          row =>
            row.last_purchase_date !== null &&
            !inRange(row.last_purchase_date, '2024-01-01', '2026-10-31'),
        ),
      ).toEqual([]);
      expect(
        rows.filter(
          row =>
            row.last_purchase_date !== null &&
            row.last_purchase_date < row.signup_date,
        ),
      ).toEqual([]);
      expect(share(rows, row => row.lifetime_value === 0)).toBeGreaterThan(0.2);
    });

    it('stores the flags as 0 or 1, and opts in only customers with an email', () => {
      expect(new Set(rows.map(row => row.email_opt_in))).toEqual(
        new Set([0, 1]),
      );
      expect(new Set(rows.map(row => row.is_active))).toEqual(new Set([0, 1]));
      expect(
        rows.filter(row => row.email === null && row.email_opt_in === 1),
      ).toEqual([]);
      expect(share(rows, row => row.email_opt_in === 1)).toBeGreaterThan(0.3);
      expect(share(rows, row => row.is_active === 1)).toBeGreaterThan(0.5);
    });
  });
});
