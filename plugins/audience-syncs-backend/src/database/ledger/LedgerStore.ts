import { Knex } from 'knex';
import { KeyRange, keyRanges } from '../keyRanges';
import { toSnapshotMember } from '../SnapshotMember';
import { SNAPSHOT_MEMBERS_TABLE } from '../snapshotMembersTable';
import { DiffQueries } from './DiffQueries';
import { FullJoinDiffQueries } from './FullJoinDiffQueries';
import { ChangedMember, LedgerEntry } from './LedgerEntry';
import { PlanCounts } from './PlanCounts';
import { ProbeDiffQueries } from './ProbeDiffQueries';

/** The ledger table, for bulk loads that must not go row by row. Nothing outside the ledger names it. */
export const LEDGER_TABLE = 'sync_members';

// SQLite binds at most 32766 variables per statement; keep statements well below.
const CHUNK = 500;

type LedgerRow = {
  member_key: string;
  identifier: string;
  member_hash: string;
  fields_hash: string | null;
};

/**
 * The ledger (`sync_members`): what each sync has put into its destination object, the "previous state"
 * of every diff, and the diff itself against a snapshot, range by range (see DiffQueries for its shapes).
 * Every write takes the caller's transaction, so a batch's ledger changes commit with its run counters.
 */
export class LedgerStore {
  readonly #db: Knex;
  readonly #diff: DiffQueries;

  static create(options: { knex: Knex }) {
    const { knex } = options;
    return new LedgerStore(
      knex,
      knex.client.dialect === 'postgresql'
        ? new FullJoinDiffQueries(knex)
        : new ProbeDiffQueries(knex),
    );
  }

  private constructor(db: Knex, diff: DiffQueries) {
    this.#db = db;
    this.#diff = diff;
  }

  async count(syncId: string, tx?: Knex.Transaction): Promise<number> {
    const [{ count }] = await (tx ?? this.#db)(LEDGER_TABLE)
      .where({ sync_id: syncId })
      .count({ count: '*' });
    return Number(count);
  }

  /**
   * Writes entries, replacing those of the same members. PostgreSQL gets the rows as five arrays
   * unnested into one statement: a multi-row VALUES list binds five parameters a row, and planning a
   * 2,500-parameter statement costs more than writing its 500 rows.
   */
  async upsert(
    syncId: string,
    entries: LedgerEntry[],
    tx?: Knex.Transaction,
  ): Promise<void> {
    if (entries.length === 0) return;
    const db = tx ?? this.#db;
    if (db.client.dialect === 'postgresql') {
      await db.raw(
        `INSERT INTO ${LEDGER_TABLE} (sync_id, member_key, identifier, member_hash, fields_hash)
         SELECT ?, * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
         ON CONFLICT (sync_id, member_key) DO UPDATE SET
           identifier = excluded.identifier,
           member_hash = excluded.member_hash,
           fields_hash = excluded.fields_hash`,
        [
          syncId,
          entries.map(entry => entry.memberKey),
          entries.map(entry => entry.identifier),
          entries.map(entry => entry.memberHash),
          // Knex's types take no nulls in an array binding; pg sends them as NULL elements.
          entries.map(entry => entry.fieldsHash) as string[],
        ],
      );
      return;
    }
    for (let i = 0; i < entries.length; i += CHUNK) {
      await db(LEDGER_TABLE)
        .insert(
          entries.slice(i, i + CHUNK).map(entry => ({
            sync_id: syncId,
            member_key: entry.memberKey,
            identifier: entry.identifier,
            member_hash: entry.memberHash,
            fields_hash: entry.fieldsHash,
          })),
        )
        .onConflict(['sync_id', 'member_key'])
        .merge(['identifier', 'member_hash', 'fields_hash']);
    }
  }

  async delete(
    syncId: string,
    memberKeys: string[],
    tx?: Knex.Transaction,
  ): Promise<void> {
    const db = tx ?? this.#db;
    for (let i = 0; i < memberKeys.length; i += CHUNK) {
      await db(LEDGER_TABLE)
        .where({ sync_id: syncId })
        .whereIn('member_key', memberKeys.slice(i, i + CHUNK))
        .delete();
    }
  }

  /** Forgets everything the sync sent: its next run is a full one. */
  async clear(syncId: string, tx?: Knex.Transaction): Promise<void> {
    await (tx ?? this.#db)(LEDGER_TABLE).where({ sync_id: syncId }).delete();
  }

  /**
   * Makes every member the sync sent differ from any snapshot, so that its next run prepares each one
   * again and sends the fields whose mapped values changed. No snapshot member hashes to ''.
   */
  async markChanged(syncId: string, tx?: Knex.Transaction): Promise<void> {
    await (tx ?? this.#db)(LEDGER_TABLE)
      .where({ sync_id: syncId })
      .update({ member_hash: '' });
  }

  /**
   * Up to `limit` keys of the sync's entries whose members are in the snapshot of `evaluationId`, in key
   * order: what a full resync forgets before it sends the whole audience again.
   */
  async keysInSnapshot(
    syncId: string,
    evaluationId: number,
    limit: number,
  ): Promise<string[]> {
    const db = this.#db;
    const rows: Array<{ member_key: string }> = await db(`${LEDGER_TABLE} as l`)
      .where('l.sync_id', syncId)
      .whereExists(
        db(`${SNAPSHOT_MEMBERS_TABLE} as m`)
          .where('m.evaluation_id', evaluationId)
          .whereRaw('m.member_key = l.member_key'),
      )
      .orderBy('l.member_key')
      .limit(limit)
      .select('l.member_key');
    return rows.map(row => row.member_key);
  }

  /** Entries in key order, from after `after`. */
  async list(
    syncId: string,
    page: { after?: string; limit: number },
  ): Promise<LedgerEntry[]> {
    const rows: LedgerRow[] = await this.#db(LEDGER_TABLE)
      .where({ sync_id: syncId })
      .where('member_key', '>', page.after ?? '')
      .orderBy('member_key', 'asc')
      .limit(page.limit)
      .select('member_key', 'identifier', 'member_hash', 'fields_hash');
    return rows.map(toEntry);
  }

  /** The sync's entries for these members, in key order. */
  async get(syncId: string, memberKeys: string[]): Promise<LedgerEntry[]> {
    const rows: LedgerRow[] = await this.#db(LEDGER_TABLE)
      .where('sync_id', syncId)
      .whereIn('member_key', memberKeys)
      .orderBy('member_key', 'asc')
      .select('member_key', 'identifier', 'member_hash', 'fields_hash');
    return rows.map(toEntry);
  }

  /** Consecutive ranges of `size` keys of the sync's ledger, in key order. */
  keyRanges(syncId: string, size: number): AsyncGenerator<KeyRange> {
    return keyRanges(this.#db(LEDGER_TABLE).where('sync_id', syncId), size);
  }

  /** The sizes of the diff of the sync's ledger against the evaluation's snapshot. */
  countDiff(syncId: string, evaluationId: number): Promise<PlanCounts> {
    return this.#diff.count(syncId, evaluationId);
  }

  /** Snapshot keys in the range that the ledger lacks, in key order. */
  joinedKeys(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<string[]> {
    return this.#diff.joinedKeys(syncId, evaluationId, range);
  }

  /** Ledger keys in the range that the snapshot lacks, in key order. */
  departedKeys(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<string[]> {
    return this.#diff.departedKeys(syncId, evaluationId, range);
  }

  /** Snapshot members in the range that the ledger holds with another hash, in key order. */
  async changedMembers(
    syncId: string,
    evaluationId: number,
    range: KeyRange,
  ): Promise<ChangedMember[]> {
    const rows = await this.#diff.changedRows(syncId, evaluationId, range);
    return rows.map(row => ({
      ...toSnapshotMember(row),
      ledger: {
        identifier: row.ledger_identifier,
        fieldsHash: row.ledger_fields_hash ?? null,
      },
    }));
  }
}

function toEntry(row: LedgerRow): LedgerEntry {
  return {
    memberKey: row.member_key,
    identifier: row.identifier,
    memberHash: row.member_hash,
    fieldsHash: row.fields_hash,
  };
}
