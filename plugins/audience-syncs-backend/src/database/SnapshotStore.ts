import {
  AudienceEvaluation,
  EvaluationStatus,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  sha256Hex,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import { KeyRange, keyRanges } from './keyRanges';
import {
  SnapshotMember,
  SnapshotMemberRow,
  toSnapshotMember,
} from './SnapshotMember';
import { nowIso, toIso, toIsoOrNull } from './timestamps';

/**
 * The snapshot members table, for the ledger's diff queries (one statement joins both sides) and bulk
 * loads that must not go row by row. Nothing else names it.
 */
export const SNAPSHOT_MEMBERS_TABLE = 'audience_members';

type EvaluationRow = {
  id: number;
  audience_id: string;
  status: EvaluationStatus;
  started_at: string | Date;
  finished_at: string | Date | null;
  member_count: number | null;
  error: string | null;
};

/** Where each audience stands: its current snapshot and its latest evaluation attempt. */
export interface AudienceSnapshotState {
  current: AudienceEvaluation | null;
  latest: AudienceEvaluation | null;
}

// SQLite binds at most 32766 variables per statement; a member row takes 8.
const INSERT_CHUNK = 500;

/** The columns of a snapshot member row, in the order writeMembers binds them. */
const MEMBER_COLUMNS = [
  'evaluation_id',
  'member_key',
  'email',
  'phone',
  'user_id',
  'device_id',
  'fields',
  'member_hash',
];

/**
 * Audience evaluations and their snapshots (`audience_evaluations`, `audience_snapshots`,
 * `audience_members`): an evaluation writes its members beside the current snapshot, and
 * `audience_snapshots` is switched to it in one update, so readers never see a half-written audience.
 */
export class SnapshotStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new SnapshotStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async startEvaluation(audienceId: string): Promise<number> {
    const [row] = await this.#db('audience_evaluations')
      .insert({
        audience_id: audienceId,
        status: 'running',
        started_at: nowIso(),
      })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  /**
   * Adds members to an evaluation's snapshot. Bulk statements, as an evaluation writes millions of rows:
   * on PostgreSQL one INSERT of unnested column arrays (eight parameters, however many rows), elsewhere
   * multi-row INSERTs in one transaction (one commit, not one per statement).
   */
  async writeMembers(
    evaluationId: number,
    members: AudienceMember[],
  ): Promise<void> {
    if (members.length === 0) return;
    const rows = members.map(member => memberValues(evaluationId, member));
    if (this.#db.client.dialect === 'postgresql') {
      // node-postgres sends each JavaScript array as a PostgreSQL array, nulls included (Knex's binding
      // type lists only arrays without nulls).
      const columns = MEMBER_COLUMNS.map((_, i) =>
        rows.map(row => row[i]),
      ) as unknown as Knex.RawBinding[];
      await this.#db.raw(
        `INSERT INTO ${SNAPSHOT_MEMBERS_TABLE} (${MEMBER_COLUMNS.join(', ')})
         SELECT * FROM unnest(?::bigint[], ${MEMBER_COLUMNS.slice(1)
           .map(() => '?::text[]')
           .join(', ')})`,
        columns,
      );
      return;
    }
    const placeholders = `(${MEMBER_COLUMNS.map(() => '?').join(', ')})`;
    await this.#db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        await tx.raw(
          `INSERT INTO ${SNAPSHOT_MEMBERS_TABLE} (${MEMBER_COLUMNS.join(
            ', ',
          )}) VALUES ${chunk.map(() => placeholders).join(', ')}`,
          chunk.flat(),
        );
      }
    });
  }

  /**
   * Makes the evaluation the audience's snapshot and drops members that nothing reads any more. The
   * previous snapshot stays one generation, for runs that started on it, and so does every evaluation
   * in `inUse` (the snapshots running sync runs read: losing one mid-run would make every remaining
   * ledger member look departed).
   */
  async completeEvaluation(
    evaluationId: number,
    memberCount: number,
    inUse: number[],
    tx?: Knex.Transaction,
  ): Promise<void> {
    const work = async (db: Knex.Transaction) => {
      const evaluation = await db<EvaluationRow>('audience_evaluations')
        .where({ id: evaluationId })
        .first();
      if (!evaluation) {
        throw new Error(`Evaluation ${evaluationId} does not exist`);
      }
      const previous = await db('audience_snapshots')
        .where({ audience_id: evaluation.audience_id })
        .first();
      await db('audience_evaluations').where({ id: evaluationId }).update({
        status: 'succeeded',
        finished_at: nowIso(),
        member_count: memberCount,
      });
      await db('audience_snapshots')
        .insert({
          audience_id: evaluation.audience_id,
          evaluation_id: evaluationId,
        })
        .onConflict('audience_id')
        .merge();
      const keep = [evaluationId, previous?.evaluation_id, ...inUse].filter(
        (id): id is number => id !== undefined && id !== null,
      );
      await db(SNAPSHOT_MEMBERS_TABLE)
        .whereIn(
          'evaluation_id',
          db('audience_evaluations')
            .select('id')
            .where({ audience_id: evaluation.audience_id })
            .whereNotIn('id', keep),
        )
        .delete();
    };
    await (tx ? work(tx) : this.#db.transaction(work));
  }

  async failEvaluation(evaluationId: number, error: string): Promise<void> {
    await this.#db.transaction(async tx => {
      await tx('audience_evaluations').where({ id: evaluationId }).update({
        status: 'failed',
        finished_at: nowIso(),
        error,
      });
      await tx(SNAPSHOT_MEMBERS_TABLE)
        .where({ evaluation_id: evaluationId })
        .delete();
    });
  }

  /** Evaluations still "running" after a restart were interrupted: record them as failed. */
  async failInterruptedEvaluations(): Promise<number> {
    const interrupted = await this.#db('audience_evaluations')
      .where({ status: 'running' })
      .select('id');
    for (const { id } of interrupted) {
      await this.failEvaluation(id, 'Interrupted by a backend restart');
    }
    return interrupted.length;
  }

  /** States by audience id, of the given audiences or of all. */
  async getStates(
    audienceIds?: string[],
  ): Promise<Map<string, AudienceSnapshotState>> {
    const only = (query: Knex.QueryBuilder, column: string) =>
      audienceIds ? query.whereIn(column, audienceIds) : query;
    const current: EvaluationRow[] = await only(
      this.#db('audience_evaluations as e')
        .join('audience_snapshots as s', 's.evaluation_id', 'e.id')
        .select('e.*'),
      'e.audience_id',
    );
    const latest: EvaluationRow[] = await this.#db('audience_evaluations')
      .whereIn(
        'id',
        only(
          this.#db('audience_evaluations').max('id').groupBy('audience_id'),
          'audience_id',
        ),
      )
      .select('*');
    const states = new Map<string, AudienceSnapshotState>();
    const stateOf = (audienceId: string) => {
      let state = states.get(audienceId);
      if (!state) {
        state = { current: null, latest: null };
        states.set(audienceId, state);
      }
      return state;
    };
    for (const row of current)
      stateOf(row.audience_id).current = toEvaluation(row);
    for (const row of latest)
      stateOf(row.audience_id).latest = toEvaluation(row);
    return states;
  }

  async getState(audienceId: string): Promise<AudienceSnapshotState> {
    const states = await this.getStates([audienceId]);
    return states.get(audienceId) ?? { current: null, latest: null };
  }

  /** Every evaluation attempt, oldest first. */
  async listEvaluations(): Promise<AudienceEvaluation[]> {
    const rows: EvaluationRow[] = await this.#db('audience_evaluations')
      .orderBy('id')
      .select('*');
    return rows.map(toEvaluation);
  }

  /** Members the evaluation holds (none once its snapshot was dropped). */
  async countMembers(evaluationId: number): Promise<number> {
    const [{ count }] = await this.#db(SNAPSHOT_MEMBERS_TABLE)
      .where({ evaluation_id: evaluationId })
      .count({ count: '*' });
    return Number(count);
  }

  /** Consecutive ranges of `size` keys of the evaluation's members, in key order. */
  keyRanges(evaluationId: number, size: number): AsyncGenerator<KeyRange> {
    return keyRanges(
      this.#db(SNAPSHOT_MEMBERS_TABLE).where('evaluation_id', evaluationId),
      size,
    );
  }

  /** The evaluation's members with these keys, in key order. */
  async getMembers(
    evaluationId: number,
    memberKeys: string[],
  ): Promise<SnapshotMember[]> {
    const rows: SnapshotMemberRow[] = await this.#members(evaluationId).whereIn(
      'member_key',
      memberKeys,
    );
    return rows.map(toSnapshotMember);
  }

  /** The evaluation's members in the range, in key order. */
  async getMembersInRange(
    evaluationId: number,
    range: KeyRange,
  ): Promise<SnapshotMember[]> {
    const rows: SnapshotMemberRow[] = await this.#members(evaluationId)
      .where('member_key', '>', range.after)
      .andWhere('member_key', '<=', range.last);
    return rows.map(toSnapshotMember);
  }

  #members(evaluationId: number) {
    return this.#db(SNAPSHOT_MEMBERS_TABLE)
      .where('evaluation_id', evaluationId)
      .orderBy('member_key', 'asc')
      .select('*');
  }
}

function toEvaluation(row: EvaluationRow): AudienceEvaluation {
  return {
    id: row.id,
    audienceId: row.audience_id,
    status: row.status,
    startedAt: toIso(row.started_at),
    finishedAt: toIsoOrNull(row.finished_at),
    memberCount: row.member_count,
    error: row.error,
  };
}

/** A member's row values, in MEMBER_COLUMNS order. */
function memberValues(
  evaluationId: number,
  member: AudienceMember,
): Array<string | number | null> {
  return [
    evaluationId,
    member.memberKey,
    member.keys.email ?? null,
    member.keys.phone ?? null,
    member.keys.user_id ?? null,
    member.keys.device_id ?? null,
    JSON.stringify(member.fields),
    // Keys are hashed too: a member whose email changes must be re-sent.
    sha256Hex(JSON.stringify([member.keys, member.fields])),
  ];
}
