import { Knex } from 'knex';
import { LEDGER_TABLE, SNAPSHOT_MEMBERS_TABLE } from '../backend';
import { DiffCounts } from './DiffCounts';

/**
 * The limit a planner is measured against: the database's own set difference, as three plain queries
 * read in full: snapshot rows the ledger lacks, ledger rows the snapshot lacks, and rows in both whose
 * hashes differ, selecting the same columns the planner reads. No pagination, no counts.
 */
export async function timeBareDiff(
  knex: Knex,
  syncId: string,
  evaluationId: number,
): Promise<{ ms: number; rows: DiffCounts }> {
  const startedAt = performance.now();
  const joined = await rowsOf(
    knex,
    `SELECT m.* FROM ${SNAPSHOT_MEMBERS_TABLE} m
     LEFT JOIN ${LEDGER_TABLE} l ON l.sync_id = ? AND l.member_key = m.member_key
     WHERE m.evaluation_id = ? AND l.member_key IS NULL`,
    [syncId, evaluationId],
  );
  const departed = await rowsOf(
    knex,
    `SELECT l.member_key, l.identifier FROM ${LEDGER_TABLE} l
     LEFT JOIN ${SNAPSHOT_MEMBERS_TABLE} m ON m.evaluation_id = ? AND m.member_key = l.member_key
     WHERE l.sync_id = ? AND m.member_key IS NULL`,
    [evaluationId, syncId],
  );
  const changed = await rowsOf(
    knex,
    `SELECT m.*, l.identifier AS ledger_identifier, l.fields_hash AS ledger_fields_hash
     FROM ${SNAPSHOT_MEMBERS_TABLE} m
     JOIN ${LEDGER_TABLE} l ON l.sync_id = ? AND l.member_key = m.member_key
     WHERE m.evaluation_id = ? AND l.member_hash <> m.member_hash`,
    [syncId, evaluationId],
  );
  return {
    ms: performance.now() - startedAt,
    rows: { joined, departed, changed },
  };
}

async function rowsOf(
  knex: Knex,
  sql: string,
  bindings: Array<string | number>,
): Promise<number> {
  const result = await knex.raw(sql, bindings);
  // better-sqlite3 answers with the rows, pg with a result object.
  return (Array.isArray(result) ? result : result.rows).length;
}
