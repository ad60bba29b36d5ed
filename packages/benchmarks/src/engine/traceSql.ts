import { Knex } from 'knex';

/**
 * Time by SQL statement on `knex` (from sending to the answer, so the database's work, the round trip
 * and the driver): the profile of a run that waits on its store more than it computes. Returns a
 * function that formats the statements that took longest.
 */
export function traceSql(knex: Knex): (limit?: number) => string {
  const startedAt = new Map<string, number>();
  const byStatement = new Map<string, { count: number; ms: number }>();
  knex.on('query', query => {
    startedAt.set(query.__knexQueryUid, performance.now());
  });
  knex.on('query-response', (_response, query) => {
    const ms = performance.now() - (startedAt.get(query.__knexQueryUid) ?? 0);
    startedAt.delete(query.__knexQueryUid);
    // Bindings vary, the statement does not: `?, ?, …` lists collapse to one.
    const statement = String(query.sql)
      .replace(/\s+/g, ' ')
      .replace(/\$\d+/g, '?')
      .replace(/\?(, \?)+/g, '?…')
      .slice(0, 120);
    const entry = byStatement.get(statement) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += ms;
    byStatement.set(statement, entry);
  });
  return (limit = 10) =>
    [...byStatement]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, limit)
      .map(
        ([statement, { count, ms }]) =>
          `${ms.toFixed(0).padStart(8)} ms ${String(count).padStart(7)}× ${(
            ms / count
          )
            .toFixed(2)
            .padStart(8)} ms  ${statement}`,
      )
      .join('\n');
}
