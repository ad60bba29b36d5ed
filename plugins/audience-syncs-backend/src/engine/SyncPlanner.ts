import { AudienceMember } from '@internal/plugin-audience-syncs-node';
import { Knex } from 'knex';

/** A snapshot member the ledger lacks, or has with other keys or fields. */
export interface PlannedMember {
  member: AudienceMember;
  memberHash: string;
  /** What the ledger holds for the member, for changed members. */
  ledger?: { identifier: string; fieldsHash: string | null };
}

/** A ledger member that left the snapshot. */
export interface DepartedMember {
  memberKey: string;
  identifier: string;
}

export interface PlanCounts {
  /** Snapshot members not in the ledger. */
  joined: number;
  /** Ledger members not in the snapshot. */
  departed: number;
  /** Members in both whose keys or fields changed since they were last sent. */
  changed: number;
}

type MemberRow = {
  member_key: string;
  email: string | null;
  phone: string | null;
  user_id: string | null;
  device_id: string | null;
  fields: string;
  member_hash: string;
  ledger_identifier?: string;
  ledger_fields_hash?: string | null;
};

/**
 * The diff of a sync, in SQL on the store: the snapshot of one evaluation against the sync's ledger.
 * Each set is read in pages ordered by member key (keyset pagination), so memory does not grow with the
 * audience, and a page never depends on rows the run has already committed.
 */
export class SyncPlanner {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new SyncPlanner(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async count(syncId: string, evaluationId: number): Promise<PlanCounts> {
    const count = async (query: Knex.QueryBuilder) =>
      Number((await query.count({ n: '*' }))[0].n);
    const [joined, departed, changed] = await Promise.all([
      count(this.#joined(syncId, evaluationId)),
      count(this.#departed(syncId, evaluationId)),
      count(this.#changed(syncId, evaluationId)),
    ]);
    return { joined, departed, changed };
  }

  async *joined(syncId: string, evaluationId: number, pageSize: number) {
    yield* this.#pages(
      after =>
        this.#joined(syncId, evaluationId)
          .where('m.member_key', '>', after)
          .select('m.*'),
      'm.member_key',
      pageSize,
      (row: MemberRow) => toPlanned(row),
    );
  }

  async *changed(syncId: string, evaluationId: number, pageSize: number) {
    yield* this.#pages(
      after =>
        this.#changed(syncId, evaluationId)
          .where('m.member_key', '>', after)
          .select(
            'm.*',
            'l.identifier as ledger_identifier',
            'l.fields_hash as ledger_fields_hash',
          ),
      'm.member_key',
      pageSize,
      (row: MemberRow) => toPlanned(row),
    );
  }

  async *departed(syncId: string, evaluationId: number, pageSize: number) {
    yield* this.#pages(
      after =>
        this.#departed(syncId, evaluationId)
          .where('l.member_key', '>', after)
          .select('l.member_key', 'l.identifier'),
      'l.member_key',
      pageSize,
      (row: { member_key: string; identifier: string }): DepartedMember => ({
        memberKey: row.member_key,
        identifier: row.identifier,
      }),
    );
  }

  #joined(syncId: string, evaluationId: number) {
    return this.#db('audience_members as m')
      .where('m.evaluation_id', evaluationId)
      .whereNotExists(
        this.#db('sync_members as l')
          .select(this.#db.raw('1'))
          .where('l.sync_id', syncId)
          .whereRaw('l.member_key = m.member_key'),
      );
  }

  #departed(syncId: string, evaluationId: number) {
    return this.#db('sync_members as l')
      .where('l.sync_id', syncId)
      .whereNotExists(
        this.#db('audience_members as m')
          .select(this.#db.raw('1'))
          .where('m.evaluation_id', evaluationId)
          .whereRaw('m.member_key = l.member_key'),
      );
  }

  #changed(syncId: string, evaluationId: number) {
    return this.#db('audience_members as m')
      .join('sync_members as l', join =>
        join.on('l.member_key', 'm.member_key').andOnVal('l.sync_id', syncId),
      )
      .where('m.evaluation_id', evaluationId)
      .whereRaw('l.member_hash <> m.member_hash');
  }

  async *#pages<R extends { member_key: string }, T>(
    query: (after: string) => Knex.QueryBuilder,
    keyColumn: 'm.member_key' | 'l.member_key',
    pageSize: number,
    map: (row: R) => T,
  ): AsyncGenerator<T[]> {
    let after = '';
    for (;;) {
      const rows: R[] = await query(after)
        .orderBy(keyColumn, 'asc')
        .limit(pageSize);
      if (rows.length === 0) return;
      yield rows.map(map);
      after = rows[rows.length - 1].member_key;
      if (rows.length < pageSize) return;
    }
  }
}

function toPlanned(row: MemberRow): PlannedMember {
  return {
    member: {
      memberKey: row.member_key,
      keys: {
        email: row.email,
        phone: row.phone,
        user_id: row.user_id,
        device_id: row.device_id,
      },
      fields: JSON.parse(row.fields),
    },
    memberHash: row.member_hash,
    ...(row.ledger_identifier !== undefined
      ? {
          ledger: {
            identifier: row.ledger_identifier,
            fieldsHash: row.ledger_fields_hash ?? null,
          },
        }
      : {}),
  };
}
