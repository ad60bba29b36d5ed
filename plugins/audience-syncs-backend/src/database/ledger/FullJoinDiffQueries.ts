import { Knex } from 'knex';
import { KeyRange } from '../keyRanges';
import { SNAPSHOT_MEMBERS_TABLE } from '../snapshotMembersTable';
import { ChangedRow, DiffQueries } from './DiffQueries';
import { PlanCounts } from './PlanCounts';

/**
 * The diff as full outer joins of the two sides, each bounded to the range, for PostgreSQL. A full join
 * can only be a hash or merge join, so each range costs its own rows whatever the statistics say. The
 * anti-join and join forms cannot promise that: when the statistics are stale (a snapshot just written,
 * a ledger an initial run has just filled, before autovacuum analyzes them) PostgreSQL takes both sides
 * of a range for a row or two and nests loops over the range's index scan, comparing every key with
 * every other; and with statistics it hashes the whole ledger for every range of a join that reads rows.
 */
export class FullJoinDiffQueries implements DiffQueries {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /** One full join of the two sides counts all three sets. */
  async count(syncId: string, evaluationId: number): Promise<PlanCounts> {
    const { rows } = await this.#db.raw(
      `SELECT
         count(*) FILTER (WHERE l.member_key IS NULL) AS joined,
         count(*) FILTER (WHERE m.member_key IS NULL) AS departed,
         count(*) FILTER (WHERE l.member_hash <> m.member_hash) AS changed
       FROM (SELECT member_key, member_hash FROM ${SNAPSHOT_MEMBERS_TABLE} WHERE evaluation_id = ?) m
       FULL JOIN (SELECT member_key, member_hash FROM sync_members WHERE sync_id = ?) l
         ON l.member_key = m.member_key`,
      [evaluationId, syncId],
    );
    return {
      joined: Number(rows[0].joined),
      departed: Number(rows[0].departed),
      changed: Number(rows[0].changed),
    };
  }

  async joinedKeys(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<string[]> {
    const { rows } = await this.#db.raw(
      `SELECT m.member_key FROM ${this.#sides('member_key', 'member_key')}
       WHERE l.member_key IS NULL ORDER BY m.member_key`,
      this.#bindings(syncId, evaluationId, range),
    );
    return rows.map((row: { member_key: string }) => row.member_key);
  }

  async departedKeys(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<string[]> {
    const { rows } = await this.#db.raw(
      `SELECT l.member_key FROM ${this.#sides('member_key', 'member_key')}
       WHERE m.member_key IS NULL ORDER BY l.member_key`,
      this.#bindings(syncId, evaluationId, range),
    );
    return rows.map((row: { member_key: string }) => row.member_key);
  }

  /**
   * The CASE keeps the filter from being strict in either side: a strict one (`l.member_hash <>
   * m.member_hash`) lets PostgreSQL reduce the full join to an inner one, which it may nest again.
   */
  async changedRows(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<ChangedRow[]> {
    const { rows } = await this.#db.raw(
      `SELECT m.*, l.identifier AS ledger_identifier, l.fields_hash AS ledger_fields_hash
       FROM ${this.#sides(
         '*',
         'member_key, member_hash, identifier, fields_hash',
       )}
       WHERE CASE WHEN m.member_key IS NULL OR l.member_key IS NULL THEN false
                  ELSE l.member_hash <> m.member_hash END
       ORDER BY m.member_key`,
      this.#bindings(syncId, evaluationId, range),
    );
    return rows;
  }

  /** The range of each side as `m` and `l`, fully joined on the key. */
  #sides(snapshotColumns: string, ledgerColumns: string): string {
    return `(SELECT ${snapshotColumns} FROM ${SNAPSHOT_MEMBERS_TABLE}
              WHERE evaluation_id = ? AND member_key > ? AND member_key <= ?) m
            FULL JOIN (SELECT ${ledgerColumns} FROM sync_members
              WHERE sync_id = ? AND member_key > ? AND member_key <= ?) l
              ON l.member_key = m.member_key`;
  }

  #bindings(syncId: string, evaluationId: number, range: KeyRange) {
    return [
      evaluationId,
      range.after,
      range.last,
      syncId,
      range.after,
      range.last,
    ];
  }
}
