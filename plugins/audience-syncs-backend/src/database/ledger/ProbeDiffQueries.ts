import { Knex } from 'knex';
import { KeyRange } from '../keyRanges';
import { SNAPSHOT_MEMBERS_TABLE } from '../snapshotMembersTable';
import { ChangedRow, DiffQueries } from './DiffQueries';
import { PlanCounts } from './PlanCounts';

/**
 * The diff as index probes: each snapshot (or ledger) key of the range looks its counterpart up by
 * primary key. SQLite (and MySQL) run these as nested loops over the two primary-key indexes, in key
 * order, whatever their statistics say; for SQLite that is also the fastest form (its full outer joins
 * rescan one side per row).
 */
export class ProbeDiffQueries implements DiffQueries {
  readonly #db: Knex;

  constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * One join of the two sides (which also compares hashes) and two index-only counts: members in both
   * are the join; joined and departed are each side less those.
   */
  async count(syncId: string, evaluationId: number): Promise<PlanCounts> {
    const [[both], [snapshot], [ledger]] = await Promise.all([
      this.#db(`${SNAPSHOT_MEMBERS_TABLE} as m`)
        .join('sync_members as l', join =>
          join.on('l.member_key', 'm.member_key').andOnVal('l.sync_id', syncId),
        )
        .where('m.evaluation_id', evaluationId)
        .select(
          this.#db.raw('count(*) as matched'),
          this.#db.raw(
            'sum(case when l.member_hash <> m.member_hash then 1 else 0 end) as changed',
          ),
        ),
      this.#db(SNAPSHOT_MEMBERS_TABLE)
        .where('evaluation_id', evaluationId)
        .count({ n: '*' }),
      this.#db('sync_members').where('sync_id', syncId).count({ n: '*' }),
    ]);
    const matched = Number(both.matched);
    return {
      joined: Number(snapshot.n) - matched,
      departed: Number(ledger.n) - matched,
      changed: Number(both.changed ?? 0),
    };
  }

  joinedKeys(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<string[]> {
    return inRange(
      this.#db(`${SNAPSHOT_MEMBERS_TABLE} as m`),
      'm.member_key',
      range,
    )
      .where('m.evaluation_id', evaluationId)
      .whereNotExists(
        this.#db('sync_members as l')
          .select(this.#db.raw('1'))
          .where('l.sync_id', syncId)
          .whereRaw('l.member_key = m.member_key'),
      )
      .orderBy('m.member_key', 'asc')
      .pluck('m.member_key');
  }

  departedKeys(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<string[]> {
    return inRange(this.#db('sync_members as l'), 'l.member_key', range)
      .where('l.sync_id', syncId)
      .whereNotExists(
        this.#db(`${SNAPSHOT_MEMBERS_TABLE} as m`)
          .select(this.#db.raw('1'))
          .where('m.evaluation_id', evaluationId)
          .whereRaw('m.member_key = l.member_key'),
      )
      .orderBy('l.member_key', 'asc')
      .pluck('l.member_key');
  }

  changedRows(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<ChangedRow[]> {
    return inRange(
      this.#db(`${SNAPSHOT_MEMBERS_TABLE} as m`),
      'm.member_key',
      range,
    )
      .join('sync_members as l', join =>
        join.on('l.member_key', 'm.member_key').andOnVal('l.sync_id', syncId),
      )
      .where('m.evaluation_id', evaluationId)
      .whereRaw('l.member_hash <> m.member_hash')
      .orderBy('m.member_key', 'asc')
      .select(
        'm.*',
        'l.identifier as ledger_identifier',
        'l.fields_hash as ledger_fields_hash',
      );
  }
}

function inRange(query: Knex.QueryBuilder, column: string, range: KeyRange) {
  return query.where(column, '>', range.after).where(column, '<=', range.last);
}
