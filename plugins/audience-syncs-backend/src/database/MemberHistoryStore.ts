import {
  MemberHistoryEntry,
  MemberHistoryOperation,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import { toIso } from './timestamps';

/** The member history table, for the benchmark's bulk reset. Nothing else outside this store names it. */
export const MEMBER_HISTORY_TABLE = 'sync_member_history';
const TABLE = MEMBER_HISTORY_TABLE;

// Seven values a row: SQLite binds at most 32766 variables per statement; keep statements well below.
const CHUNK = 500;

/** What a batch did to one member; the store adds the sync, the run and the time. */
export interface MemberHistoryStep {
  memberKey: string;
  operation: MemberHistoryOperation;
  identifier: string | null;
  code?: string;
  message?: string;
}

/** Steps per JSON document on SQLite: bounded so that one statement's text stays small. */
const JSON_CHUNK = 5_000;

/** A step as the five values the SQLite insert reads back from JSON. */
function asTuple(step: MemberHistoryStep) {
  return [
    step.memberKey,
    step.operation,
    step.identifier,
    step.code ?? null,
    step.message ?? null,
  ];
}

type HistoryRow = {
  member_key: string;
  run_id: number;
  at: string | Date;
  operation: MemberHistoryOperation;
  identifier: string | null;
  code: string | null;
  message: string | null;
};

/**
 * Each sync's member history (`sync_member_history`): what each run added, updated and removed, and
 * which members it found invalid. Steps are written in the transaction that commits their batch to the
 * ledger, so the history shows what the destination acknowledged and nothing else.
 */
export class MemberHistoryStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new MemberHistoryStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /**
   * One insert per batch. PostgreSQL gets the steps as five arrays unnested into one statement, as the
   * ledger's upsert does: a multi-row VALUES list of 500 steps binds 4,000 parameters, and planning that
   * costs more than writing the rows. Elsewhere one multi-row insert per chunk of steps.
   */
  async record(
    syncId: string,
    runId: number,
    at: string,
    steps: MemberHistoryStep[],
    tx: Knex.Transaction,
  ): Promise<void> {
    if (steps.length === 0) return;
    if (tx.client.dialect === 'postgresql') {
      await tx.raw(
        `INSERT INTO ${TABLE} (sync_id, run_id, at, member_key, operation, identifier, code, message)
         SELECT ?, ?, ?::timestamptz, * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])`,
        [
          syncId,
          runId,
          at,
          steps.map(step => step.memberKey),
          steps.map(step => step.operation),
          // Knex's types take no nulls in an array binding; pg sends them as NULL elements.
          steps.map(step => step.identifier) as string[],
          steps.map(step => step.code ?? null) as string[],
          steps.map(step => step.message ?? null) as string[],
        ],
      );
      return;
    }
    if (tx.client.dialect === 'sqlite3') {
      // One JSON parameter a statement: binding and building 4,000 parameters cost more than the insert.
      for (let i = 0; i < steps.length; i += JSON_CHUNK) {
        await tx.raw(
          `INSERT INTO ${TABLE} (sync_id, run_id, at, member_key, operation, identifier, code, message)
           SELECT ?, ?, ?, json_extract(value, '$[0]'), json_extract(value, '$[1]'),
             json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]')
           FROM json_each(?)`,
          [
            syncId,
            runId,
            at,
            JSON.stringify(steps.slice(i, i + JSON_CHUNK).map(asTuple)),
          ],
        );
      }
      return;
    }
    for (let i = 0; i < steps.length; i += CHUNK) {
      await tx(TABLE).insert(
        steps.slice(i, i + CHUNK).map(step => ({
          sync_id: syncId,
          member_key: step.memberKey,
          run_id: runId,
          at,
          operation: step.operation,
          identifier: step.identifier,
          code: step.code ?? null,
          message: step.message ?? null,
        })),
      );
    }
  }

  /** The member keys the sync ever sent any of these identifiers for. */
  async memberKeysByIdentifier(
    syncId: string,
    identifiers: string[],
  ): Promise<string[]> {
    if (identifiers.length === 0) return [];
    const rows: Array<{ member_key: string }> = await this.#db(TABLE)
      .where('sync_id', syncId)
      .whereIn('identifier', identifiers)
      .distinct('member_key')
      .orderBy('member_key');
    return rows.map(row => row.member_key);
  }

  /** The steps of these members on the sync, oldest first, at most `limit` (the newest ones). */
  async list(
    syncId: string,
    memberKeys: string[],
    limit: number,
  ): Promise<Array<MemberHistoryEntry & { memberKey: string }>> {
    if (memberKeys.length === 0) return [];
    const rows: HistoryRow[] = await this.#db(TABLE)
      .where('sync_id', syncId)
      .whereIn('member_key', memberKeys)
      .orderBy('id', 'desc')
      .limit(limit)
      .select(
        'member_key',
        'run_id',
        'at',
        'operation',
        'identifier',
        'code',
        'message',
      );
    return rows.reverse().map(row => ({
      memberKey: row.member_key,
      runId: Number(row.run_id),
      at: toIso(row.at),
      operation: row.operation,
      identifier: row.identifier,
      code: row.code,
      message: row.message,
    }));
  }

  /**
   * Deletes up to `limit` steps older than `before`, oldest first; returns how many. Bounded so that a
   * large backlog is pruned in short transactions that do not hold up the runs' commits.
   */
  async pruneOlderThan(before: string, limit: number): Promise<number> {
    return this.#db(TABLE)
      .whereIn(
        'id',
        this.#db(TABLE)
          .where('at', '<', before)
          .orderBy('id')
          .limit(limit)
          .select('id'),
      )
      .delete();
  }
}
