import {
  AudienceEvaluation,
  EvaluationStatus,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import { KeyRange, keyRanges } from './keyRanges';
import {
  SnapshotMember,
  SnapshotMemberRow,
  toSnapshotMember,
} from './SnapshotMember';
import { SNAPSHOT_MEMBERS_TABLE } from './snapshotMembersTable';
import { nowIso, toIso, toIsoOrNull } from './timestamps';
import { writeSnapshotMembers } from './writeSnapshotMembers';

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

/**
 * Audience evaluations and their snapshots (`audience_evaluations`, `audience_snapshots`,
 * `audience_members`): an evaluation writes its members beside the current snapshot, and
 * `audience_snapshots` is switched to it in one update, so readers never see a half-written audience.
 * A running evaluation's instance renews its heartbeat; only one whose heartbeat lapsed is failed by
 * another, and an evaluation failed that way is never completed.
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
        heartbeat_at: nowIso(),
      })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  /** Tells others the evaluation's instance is still at work; false when it is no longer running. */
  async renewEvaluation(evaluationId: number): Promise<boolean> {
    const renewed = await this.#db('audience_evaluations')
      .where({ id: evaluationId, status: 'running' })
      .update({ heartbeat_at: nowIso() });
    return renewed === 1;
  }

  /** Adds members to an evaluation's snapshot, in bulk (see writeSnapshotMembers). */
  async writeMembers(
    evaluationId: number,
    members: AudienceMember[],
  ): Promise<void> {
    await writeSnapshotMembers(this.#db, evaluationId, members);
  }

  /**
   * Makes the evaluation the audience's snapshot and drops members that nothing reads any more. The
   * previous snapshot stays one generation, for runs that started on it, and so does every evaluation
   * in `inUse` (the snapshots running sync runs read: losing one mid-run would make every remaining
   * ledger member look departed). Refused, switching nothing, when the evaluation is no longer running:
   * another instance failed it and dropped (some of) its members.
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
      // Conditional, and first: a failure by another instance either committed before (refused here) or
      // waits for this transaction and then finds the evaluation no longer running.
      const completed = await db('audience_evaluations')
        .where({ id: evaluationId, status: 'running' })
        .update({
          status: 'succeeded',
          finished_at: nowIso(),
          member_count: memberCount,
        });
      if (completed !== 1) {
        const now = await db<EvaluationRow>('audience_evaluations')
          .where({ id: evaluationId })
          .first();
        throw new Error(
          `Evaluation ${evaluationId} is no longer running (${now?.status}${
            now?.error ? `: ${now.error}` : ''
          }); its members are not used`,
        );
      }
      const previous = await db('audience_snapshots')
        .where({ audience_id: evaluation.audience_id })
        .first();
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

  /**
   * Records a failed evaluation and drops its members. An evaluation that another instance failed first
   * keeps that failure; its members are dropped all the same.
   */
  async failEvaluation(evaluationId: number, error: string): Promise<void> {
    await this.#fail(evaluationId, error, query => query);
  }

  /**
   * Evaluations still "running" whose heartbeat is older than `lapseMs` were interrupted (their instance
   * stopped): record them as failed. One whose instance is only slow keeps renewing and is left alone.
   */
  async failInterruptedEvaluations(lapseMs: number): Promise<number> {
    const lapsedBefore = new Date(Date.now() - lapseMs).toISOString();
    const lapsed = (query: Knex.QueryBuilder) =>
      query.where(q =>
        q.whereNull('heartbeat_at').orWhere('heartbeat_at', '<', lapsedBefore),
      );
    const interrupted: Array<{ id: number }> = await lapsed(
      this.#db('audience_evaluations').where({ status: 'running' }),
    ).select('id');
    let failed = 0;
    for (const { id } of interrupted) {
      // The heartbeat is checked again in the update: a renewal since the read keeps the evaluation.
      if (
        await this.#fail(
          id,
          'Interrupted: the instance evaluating it stopped',
          lapsed,
        )
      ) {
        failed += 1;
      }
    }
    return failed;
  }

  async #fail(
    evaluationId: number,
    error: string,
    condition: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<boolean> {
    return this.#db.transaction(async tx => {
      const failed = await condition(
        tx('audience_evaluations').where({
          id: evaluationId,
          status: 'running',
        }),
      ).update({ status: 'failed', finished_at: nowIso(), error });
      const evaluation = await tx<EvaluationRow>('audience_evaluations')
        .where({ id: evaluationId })
        .first('status');
      if (evaluation?.status === 'failed') {
        await tx(SNAPSHOT_MEMBERS_TABLE)
          .where({ evaluation_id: evaluationId })
          .delete();
      }
      return failed === 1;
    });
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

  /** The member count each completed evaluation recorded; it outlives the evaluation's snapshot. */
  async memberCounts(evaluationIds: number[]): Promise<Map<number, number>> {
    const rows: Array<{ id: number; member_count: number | null }> =
      await this.#db('audience_evaluations')
        .whereIn('id', evaluationIds)
        .whereNotNull('member_count')
        .select('id', 'member_count');
    return new Map(rows.map(row => [row.id, Number(row.member_count)]));
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
