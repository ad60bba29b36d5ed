import { WarehouseKind } from '../options/BenchOptions';
import { CUSTOMERS_TABLE } from './benchAudience';

/**
 * `CREATE TABLE … AS SELECT` of `size` customers over a generated sequence in each warehouse's own SQL
 * (no rows cross from Node): `u<i>`, `user<i>@example.com`, a phone number, a lifetime value, a purchase
 * date and one of four plans and five countries.
 */
export function customersTableSql(kind: WarehouseKind, size: number): string {
  if (kind === 'sqlite') {
    return `CREATE TABLE ${CUSTOMERS_TABLE} AS
      WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${size})
      SELECT 'u' || i AS user_id, 'user' || i || '@example.com' AS email,
        printf('+1415%07d', i % 10000000) AS phone, (i % 100000) / 100.0 AS lifetime_value,
        date('2026-10-31', '-' || (i % 1000) || ' days') AS last_purchase_date,
        ${choice('i % 4', [
          'free',
          'starter',
          'pro',
          'enterprise',
        ])} AS plan_type,
        ${choice('i % 5', ['US', 'GB', 'DE', 'FR', 'JP'])} AS country
      FROM seq`;
  }
  if (kind === 'pg') {
    return `CREATE TABLE ${CUSTOMERS_TABLE} AS
      SELECT 'u' || i AS user_id, 'user' || i || '@example.com' AS email,
        '+1415' || lpad((i % 10000000)::text, 7, '0') AS phone,
        (i % 100000) / 100.0::float8 AS lifetime_value,
        to_char(date '2026-10-31' - (i % 1000)::int, 'YYYY-MM-DD') AS last_purchase_date,
        ${choice('i % 4', [
          'free',
          'starter',
          'pro',
          'enterprise',
        ])} AS plan_type,
        ${choice('i % 5', ['US', 'GB', 'DE', 'FR', 'JP'])} AS country
      FROM generate_series(1, ${size}) AS seq(i)`;
  }
  // MariaDB's Sequence engine gives seq_1_to_<n> tables; || means OR in MySQL.
  return `CREATE TABLE ${CUSTOMERS_TABLE} AS
    SELECT CONCAT('u', seq) AS user_id, CONCAT('user', seq, '@example.com') AS email,
      CONCAT('+1415', LPAD(seq % 10000000, 7, '0')) AS phone,
      CAST((seq % 100000) / 100.0 AS DOUBLE) AS lifetime_value,
      DATE_FORMAT(DATE_SUB('2026-10-31', INTERVAL seq % 1000 DAY), '%Y-%m-%d') AS last_purchase_date,
      ${choice('seq % 4', [
        'free',
        'starter',
        'pro',
        'enterprise',
      ])} AS plan_type,
      ${choice('seq % 5', ['US', 'GB', 'DE', 'FR', 'JP'])} AS country
    FROM seq_1_to_${size}`;
}

function choice(expression: string, values: string[]): string {
  return `CASE ${values
    .map((value, i) => `WHEN ${expression} = ${i} THEN '${value}'`)
    .join(' ')} END`;
}
