import { AudienceMember } from '@internal/plugin-audience-syncs-node';
import { Knex } from 'knex';
import { DiffQueries, KeyRange, MemberRow } from './DiffQueries';
import { FullJoinDiffQueries } from './FullJoinDiffQueries';
import { ProbeDiffQueries } from './ProbeDiffQueries';

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

/**
 * Keys of one side read per range: bounds the memory of a range (its keys, and for changed members
 * their rows) whatever the audience size, and the work of each range query.
 */
const RANGE_KEYS = 10_000;

/**
 * The diff of a sync, in SQL on the store: the snapshot of one evaluation against the sync's ledger.
 *
 * Each set is read range by range in member key order: a range is the next RANGE_KEYS keys of the side
 * scanned (the snapshot for joined and changed members, the ledger for departed ones), found from its
 * primary-key index when the range is reached, and each range query bounds the work to it (see
 * DiffQueries for the shapes). Paging the result instead (`member_key > after … LIMIT n`) bounds one
 * side only: PostgreSQL, which cannot estimate how few rows an anti-join keeps, hashes the whole ledger
 * for every page, and a plan costs pages × audience. What ranges find is paged across ranges, so pages
 * are full. Memory stays that of a range and a page. Each range is read once, before any of its members
 * is sent, and what the run commits only touches ranges already read, so a page never depends on what
 * the run wrote.
 */
export class SyncPlanner {
  readonly #db: Knex;
  readonly #queries: DiffQueries;

  static create(options: { knex: Knex }) {
    const { knex } = options;
    return new SyncPlanner(
      knex,
      knex.client.dialect === 'postgresql'
        ? new FullJoinDiffQueries(knex)
        : new ProbeDiffQueries(knex),
    );
  }

  private constructor(db: Knex, queries: DiffQueries) {
    this.#db = db;
    this.#queries = queries;
  }

  count(syncId: string, evaluationId: number): Promise<PlanCounts> {
    return this.#queries.count(syncId, evaluationId);
  }

  /** Keys from the indexes alone first, then the rows of those that joined (`#joinedRows`). */
  async *joined(
    syncId: string,
    evaluationId: number,
    pageSize: number,
  ): AsyncGenerator<PlannedMember[]> {
    const rows = this.#byRange(
      this.#snapshotRanges(evaluationId),
      async range =>
        this.#joinedRows(
          evaluationId,
          range,
          await this.#queries.joinedKeys(syncId, evaluationId, range),
        ),
    );
    for await (const page of inPages(rows, pageSize)) {
      yield page.map(toPlanned);
    }
  }

  /**
   * The snapshot rows of a range's joined keys in one query: by key when few joined (an ordinary diff),
   * by the whole range when most did (an initial run), which saves the lookups.
   */
  async #joinedRows(
    evaluationId: number,
    range: KeyRange,
    keys: string[],
  ): Promise<MemberRow[]> {
    if (keys.length === 0) return [];
    const rows = this.#db('audience_members')
      .where('evaluation_id', evaluationId)
      .orderBy('member_key', 'asc')
      .select('*');
    if (keys.length * 2 < RANGE_KEYS) {
      return rows.whereIn('member_key', keys);
    }
    const joined = new Set(keys);
    const inRange: MemberRow[] = await rows
      .where('member_key', '>', range.after)
      .andWhere('member_key', '<=', range.last);
    return inRange.filter(row => joined.has(row.member_key));
  }

  async *changed(
    syncId: string,
    evaluationId: number,
    pageSize: number,
  ): AsyncGenerator<PlannedMember[]> {
    const rows = this.#byRange(this.#snapshotRanges(evaluationId), range =>
      this.#queries.changedRows(syncId, evaluationId, range),
    );
    for await (const page of inPages(rows, pageSize)) {
      yield page.map(toPlanned);
    }
  }

  async *departed(
    syncId: string,
    evaluationId: number,
    pageSize: number,
  ): AsyncGenerator<DepartedMember[]> {
    const ranges = this.#ranges(
      this.#db('sync_members').where('sync_id', syncId),
    );
    const keys = this.#byRange(ranges, range =>
      this.#queries.departedKeys(syncId, evaluationId, range),
    );
    for await (const page of inPages(keys, pageSize)) {
      const rows: Array<{ member_key: string; identifier: string }> =
        await this.#db('sync_members')
          .where('sync_id', syncId)
          .whereIn('member_key', page)
          .orderBy('member_key', 'asc')
          .select('member_key', 'identifier');
      yield rows.map(row => ({
        memberKey: row.member_key,
        identifier: row.identifier,
      }));
    }
  }

  /** What `read` finds in each range, range after range, read only when the previous is used up. */
  async *#byRange<T>(
    ranges: AsyncIterable<KeyRange>,
    read: (range: KeyRange) => Promise<T[]>,
  ): AsyncGenerator<T[]> {
    for await (const range of ranges) yield await read(range);
  }

  #snapshotRanges(evaluationId: number) {
    return this.#ranges(
      this.#db('audience_members').where('evaluation_id', evaluationId),
    );
  }

  /** Consecutive ranges of RANGE_KEYS keys of one side (`side` selects its rows). */
  async *#ranges(side: Knex.QueryBuilder): AsyncGenerator<KeyRange> {
    let after = '';
    for (;;) {
      const next = side.clone().where('member_key', '>', after);
      const bound = await next
        .clone()
        .orderBy('member_key', 'asc')
        .offset(RANGE_KEYS - 1)
        .first('member_key');
      const last: string | null =
        bound?.member_key ??
        (await next.clone().max({ last: 'member_key' }))[0].last;
      if (last === null || last === undefined) return;
      yield { after, last };
      if (!bound) return;
      after = last;
    }
  }
}

/**
 * Full pages from what ranges find: a range holds anything from none to RANGE_KEYS of a set, and pages
 * cut at range ends would send short batches (a few joined members per range in an ordinary diff).
 */
async function* inPages<T>(
  chunks: AsyncIterable<T[]>,
  pageSize: number,
): AsyncGenerator<T[]> {
  let pending: T[] = [];
  for await (const chunk of chunks) {
    pending = pending.concat(chunk);
    let start = 0;
    for (; pending.length - start >= pageSize; start += pageSize) {
      yield pending.slice(start, start + pageSize);
    }
    pending = pending.slice(start);
  }
  if (pending.length > 0) yield pending;
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
