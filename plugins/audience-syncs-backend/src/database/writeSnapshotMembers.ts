import {
  AudienceMember,
  sha256Hex,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import { SNAPSHOT_MEMBERS_TABLE as TABLE } from './snapshotMembersTable';

/** The columns after `evaluation_id`, in the order a member row holds them. */
const MEMBER_COLUMNS = [
  'member_key',
  'email',
  'phone',
  'user_id',
  'device_id',
  'fields',
  'member_hash',
] as const;

/** A member's values in MEMBER_COLUMNS order. */
type MemberRow = Array<string | null>;

/**
 * Rows per SQLite INSERT: SQLite binds at most 32766 variables per statement (a row takes 8), and past
 * about a hundred rows a longer statement saves no more time.
 */
const SQLITE_ROWS_PER_STATEMENT = 100;

/** Rows per INSERT elsewhere (MySQL and others, through Knex). */
const GENERIC_ROWS_PER_STATEMENT = 500;

/** The part of better-sqlite3's Database used here; Knex's transaction hands one out. */
interface SqliteConnection {
  prepare(sql: string): { run(values: unknown[]): unknown };
}

/**
 * Writes members of an evaluation in bulk, as an evaluation writes millions: PostgreSQL one INSERT over
 * one JSON parameter of all the rows (the server parses it once; node-postgres would escape every value
 * of eight text arrays), better-sqlite3 statements of a fixed number of rows prepared once per call and
 * run on the transaction's connection (Knex prepares and formats every statement anew), others multi-row
 * INSERTs. Every path but PostgreSQL's single statement runs in one transaction: one commit per call.
 */
export async function writeSnapshotMembers(
  db: Knex,
  evaluationId: number,
  members: readonly AudienceMember[],
): Promise<void> {
  if (members.length === 0) return;
  const rows = members.map(memberRow);
  if (db.client.dialect === 'postgresql') {
    await writePostgres(db, evaluationId, rows);
  } else if (db.client.driverName === 'better-sqlite3') {
    await db.transaction(async tx => {
      const connection: SqliteConnection = await tx.client.acquireConnection();
      writeSqlite(connection, evaluationId, rows);
    });
  } else {
    await db.transaction(tx => writeGeneric(tx, evaluationId, rows));
  }
}

/**
 * A member's row. The hash string is built around the fields' JSON rather than stringifying them twice:
 * `[keys,fields]` as JSON is exactly `'[' + keys JSON + ',' + fields JSON + ']'`, so hashes stay those of
 * every snapshot written before (ledgers compare them; another formula would re-send every member).
 */
function memberRow(member: AudienceMember): MemberRow {
  const { keys } = member;
  const fields = JSON.stringify(member.fields);
  return [
    member.memberKey,
    keys.email ?? null,
    keys.phone ?? null,
    keys.user_id ?? null,
    keys.device_id ?? null,
    fields,
    // Keys are hashed too: a member whose email changes must be re-sent.
    sha256Hex(`[${JSON.stringify(keys)},${fields}]`),
  ];
}

/**
 * The rows as one JSON array of arrays, unpacked by jsonb_array_elements: JSON strings and nulls come
 * out of `->>` as the very text and NULL that went in.
 */
async function writePostgres(
  db: Knex,
  evaluationId: number,
  rows: MemberRow[],
): Promise<void> {
  const values = MEMBER_COLUMNS.map((_, i) => `row->>${i}`).join(', ');
  await db.raw(
    `INSERT INTO ${TABLE} (evaluation_id, ${MEMBER_COLUMNS.join(', ')})
     SELECT ?::integer, ${values} FROM jsonb_array_elements(?::jsonb) AS row`,
    [evaluationId, JSON.stringify(rows)],
  );
}

function writeSqlite(
  connection: SqliteConnection,
  evaluationId: number,
  rows: MemberRow[],
): void {
  const full = Math.floor(rows.length / SQLITE_ROWS_PER_STATEMENT);
  const statement =
    full > 0
      ? connection.prepare(insertSql(SQLITE_ROWS_PER_STATEMENT))
      : undefined;
  // One bindings array, refilled for every statement rather than built anew.
  const bindings: unknown[] = [];
  for (let s = 0; s < full; s++) {
    fillBindings(
      bindings,
      evaluationId,
      rows,
      s * SQLITE_ROWS_PER_STATEMENT,
      SQLITE_ROWS_PER_STATEMENT,
    );
    statement!.run(bindings);
  }
  const rest = rows.length - full * SQLITE_ROWS_PER_STATEMENT;
  if (rest > 0) {
    const restBindings: unknown[] = [];
    fillBindings(
      restBindings,
      evaluationId,
      rows,
      full * SQLITE_ROWS_PER_STATEMENT,
      rest,
    );
    connection.prepare(insertSql(rest)).run(restBindings);
  }
}

async function writeGeneric(
  tx: Knex.Transaction,
  evaluationId: number,
  rows: MemberRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += GENERIC_ROWS_PER_STATEMENT) {
    const count = Math.min(GENERIC_ROWS_PER_STATEMENT, rows.length - i);
    const bindings: unknown[] = [];
    fillBindings(bindings, evaluationId, rows, i, count);
    await tx.raw(insertSql(count), bindings as Knex.RawBinding[]);
  }
}

/** An INSERT of `count` rows of positional parameters. */
function insertSql(count: number): string {
  const row = `(?, ${MEMBER_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO ${TABLE} (evaluation_id, ${MEMBER_COLUMNS.join(
    ', ',
  )}) VALUES ${Array(count).fill(row).join(', ')}`;
}

/** Puts `count` rows from `start` into `bindings`, row after row, each led by the evaluation id. */
function fillBindings(
  bindings: unknown[],
  evaluationId: number,
  rows: MemberRow[],
  start: number,
  count: number,
): void {
  const width = MEMBER_COLUMNS.length + 1;
  for (let r = 0; r < count; r++) {
    const row = rows[start + r];
    const at = r * width;
    bindings[at] = evaluationId;
    for (let c = 0; c < MEMBER_COLUMNS.length; c++) {
      bindings[at + 1 + c] = row[c];
    }
  }
}
