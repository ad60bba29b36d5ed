import { DatabaseKind } from '../options/BenchOptions';

/** The few SQL spellings the generator needs that SQLite and PostgreSQL write differently. */
export interface SqlDialect {
  /** `WITH` prefix and `FROM` source of the integers 0 … count-1 as column `i`. */
  sequence(count: number): { with: string; from: string };
  /** An integer expression as 16 lowercase hex digits. */
  hex16(expression: string): string;
  /** The member key of `i`: `m` and ten digits, so key order is `i` order. */
  memberKey(expression: string): string;
}

const DIALECTS: Record<DatabaseKind, SqlDialect> = {
  sqlite: {
    // SQLite has no generate_series without an extension; a recursive CTE is as fast.
    sequence: count => ({
      with: `WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ${count})`,
      from: 'seq',
    }),
    hex16: expression => `printf('%016x', ${expression})`,
    memberKey: expression => `printf('m%010d', ${expression})`,
  },
  pg: {
    sequence: count => ({
      with: '',
      from: `generate_series(0::bigint, ${count - 1}::bigint) AS seq(i)`,
    }),
    hex16: expression => `lpad(to_hex(${expression}), 16, '0')`,
    memberKey: expression => `'m' || lpad((${expression})::text, 10, '0')`,
  },
};

export function sqlDialect(kind: DatabaseKind): SqlDialect {
  return DIALECTS[kind];
}
