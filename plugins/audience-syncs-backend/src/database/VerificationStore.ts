import { SyncVerification } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { LEDGER_TABLE } from './ledger/LedgerStore';
import { SNAPSHOT_MEMBERS_TABLE } from './snapshotMembersTable';

const READ_TABLE = 'sync_verify_members';
const FOUND_TABLE = 'sync_verifications';
/** Members kept of each finding. */
const SAMPLES = 20;
// SQLite binds at most 32766 variables per statement; keep statements well below.
const CHUNK = 500;

type FoundRow = {
  destination_members: number;
  missing: number;
  unowned: number;
  stale: number;
  samples: string;
};

/**
 * Verifications (`sync_verify_members`, `sync_verifications`): what a verify run read of the destination,
 * kept in the database so that a destination of any size is compared in SQL rather than in memory, and
 * what the comparison found. The comparison reads the ledger and the snapshot members, matching the
 * destination's identifiers to the ledger's (both as the connector prepares them).
 */
export class VerificationStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new VerificationStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /** Forgets what the run read: a retried run reads the destination again from the start. */
  async clearRead(runId: number): Promise<void> {
    await this.#db(READ_TABLE).where({ run_id: runId }).delete();
  }

  /** Adds a page of the destination's identifiers; one read twice counts once. */
  async addRead(runId: number, identifiers: string[]): Promise<void> {
    for (let i = 0; i < identifiers.length; i += CHUNK) {
      await this.#db(READ_TABLE)
        .insert(
          identifiers
            .slice(i, i + CHUNK)
            .map(identifier => ({ run_id: runId, identifier })),
        )
        .onConflict(['run_id', 'identifier'])
        .ignore();
    }
  }

  /** The destination as the run read it against the sync's ledger and the snapshot of `evaluationId`. */
  async compare(
    runId: number,
    syncId: string,
    evaluationId: number,
  ): Promise<SyncVerification> {
    const db = this.#db;
    const { missing, stale, unowned } = this.#findings(
      runId,
      syncId,
      evaluationId,
    );
    const owned = (query: Knex.QueryBuilder) =>
      query
        .orderBy('l.member_key')
        .limit(SAMPLES)
        .select('l.member_key as memberKey', 'l.identifier as identifier');
    const count = async (query: Knex.QueryBuilder) =>
      Number((await query.count({ n: '*' }))[0].n);
    return {
      destinationMembers: await count(db(READ_TABLE).where({ run_id: runId })),
      missing: await count(missing()),
      unowned: await count(unowned()),
      stale: await count(stale()),
      samples: {
        missing: await owned(missing()),
        unowned: (
          await unowned()
            .orderBy('v.identifier')
            .limit(SAMPLES)
            .select('v.identifier as identifier')
        ).map((row: { identifier: string }) => ({
          memberKey: null,
          identifier: row.identifier,
        })),
        stale: await owned(stale()),
      },
    };
  }

  /**
   * Up to `limit` member keys of the sync's ledger entries that the destination lacks while the member is
   * still in the audience, in key order: what a repair forgets so that its sync sends them again.
   */
  async missingKeys(
    runId: number,
    syncId: string,
    evaluationId: number,
    limit: number,
  ): Promise<string[]> {
    const rows: Array<{ member_key: string }> = await this.#findings(
      runId,
      syncId,
      evaluationId,
    )
      .missing()
      .orderBy('l.member_key')
      .limit(limit)
      .select('l.member_key');
    return rows.map(row => row.member_key);
  }

  /** The three findings as queries: the ledger's side (`l`) for missing and stale, the read's (`v`) for unowned. */
  #findings(runId: number, syncId: string, evaluationId: number) {
    const db = this.#db;
    const read = () =>
      db(`${READ_TABLE} as v`)
        .where('v.run_id', runId)
        .whereRaw('v.identifier = l.identifier');
    const inAudience = () =>
      db(`${SNAPSHOT_MEMBERS_TABLE} as m`)
        .where('m.evaluation_id', evaluationId)
        .whereRaw('m.member_key = l.member_key');
    const ledger = () => db(`${LEDGER_TABLE} as l`).where('l.sync_id', syncId);
    return {
      missing: () => ledger().whereExists(inAudience()).whereNotExists(read()),
      stale: () => ledger().whereNotExists(inAudience()).whereExists(read()),
      unowned: () =>
        db(`${READ_TABLE} as v`)
          .where('v.run_id', runId)
          .whereNotExists(
            db(`${LEDGER_TABLE} as l`)
              .where('l.sync_id', syncId)
              .whereRaw('l.identifier = v.identifier'),
          ),
    };
  }

  /** Keeps what the run found and drops what it read, in the transaction that finishes the run. */
  async save(
    runId: number,
    found: SyncVerification,
    tx: Knex.Transaction,
  ): Promise<void> {
    await tx(FOUND_TABLE)
      .insert({
        run_id: runId,
        destination_members: found.destinationMembers,
        missing: found.missing,
        unowned: found.unowned,
        stale: found.stale,
        samples: JSON.stringify(found.samples),
      })
      .onConflict('run_id')
      .merge();
    await tx(READ_TABLE).where({ run_id: runId }).delete();
  }

  async get(runId: number): Promise<SyncVerification | null> {
    const row: FoundRow | undefined = await this.#db(FOUND_TABLE)
      .where({ run_id: runId })
      .first();
    if (!row) return null;
    return {
      destinationMembers: Number(row.destination_members),
      missing: Number(row.missing),
      unowned: Number(row.unowned),
      stale: Number(row.stale),
      samples: JSON.parse(row.samples),
    };
  }
}
