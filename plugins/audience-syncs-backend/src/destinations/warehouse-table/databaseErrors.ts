import {
  DestinationError,
  scrubSecrets,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** What went wrong, as PostgreSQL (SQLSTATE), SQLite (`SQLITE_…`), MySQL, Node and Knex report it. */
interface DatabaseFailure {
  code?: string;
  errno?: number;
  name?: string;
  message?: string;
}

const RETRYABLE_CODES = new Set([
  // Node network errors.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // PostgreSQL: shutdown, too many connections, serialization failure, deadlock, a racing insert.
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '40001',
  '40P01',
  '23505',
  // SQLite: the file is locked by another writer.
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  // MySQL.
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'PROTOCOL_CONNECTION_LOST',
]);

/**
 * The driver's message without the SQL Knex puts in front of it (`<sql> - <message>`), which may quote the
 * rows' values.
 */
export function driverMessage(error: unknown): string {
  const message = (error as Error | undefined)?.message ?? String(error);
  const separator = message.lastIndexOf(' - ');
  return separator >= 0 ? message.slice(separator + 3) : message;
}

/**
 * Whether the database refused a value of a row (a type it cannot take, a null in a NOT NULL column, a
 * check): another row of the same batch may go through, so rows are then written one by one.
 */
export function isRowError(error: unknown): boolean {
  const { code = '' } = (error ?? {}) as DatabaseFailure;
  return (
    /^22/.test(code) ||
    ['23502', '23503', '23514'].includes(code) ||
    /^SQLITE_(CONSTRAINT_(NOTNULL|CHECK|FOREIGNKEY)|MISMATCH|TOOBIG)$/.test(
      code,
    ) ||
    /^ER_(BAD_NULL|TRUNCATED|DATA_TOO_LONG|WARN_DATA_OUT_OF_RANGE|NO_REFERENCED_ROW)/.test(
      code,
    )
  );
}

/**
 * What a database failure means for the engine: lost or busy connections and lock conflicts are retried;
 * refused credentials, a missing database, table or column and missing privileges fail the run with a
 * message naming the setting to fix. `secrets` are scrubbed from anything quoted.
 */
export function toDestinationError(
  error: unknown,
  context: { table: string; key: string; object: string; secrets: string[] },
): DestinationError {
  const failure = (error ?? {}) as DatabaseFailure;
  const code = failure.code ?? '';
  const message = driverMessage(error);
  const said = scrubSecrets(
    `${message}${code ? ` (${code})` : ''}`,
    context.secrets,
  );
  const fail = (errorCode: string, text: string) =>
    new DestinationError({ message: text, code: errorCode, retryable: false });

  if (
    failure.name === 'KnexTimeoutError' ||
    RETRYABLE_CODES.has(code) ||
    /^08/.test(code)
  ) {
    return new DestinationError({
      message: `The database is unavailable or busy: ${said}`,
      code: 'database_unavailable',
      retryable: true,
      cause: error,
    });
  }
  if (['28P01', '28000', 'ER_ACCESS_DENIED_ERROR'].includes(code)) {
    return fail(
      'unauthorized',
      `The database refused the credentials of the destination's connection setting: ${said}`,
    );
  }
  if (
    code === '3D000' ||
    code === 'ER_BAD_DB_ERROR' ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'ENOTFOUND' ||
    /Cannot open database/i.test(message)
  ) {
    return fail(
      'database_not_found',
      `The database of the destination's connection setting cannot be opened: ${said}`,
    );
  }
  if (['42501', 'ER_TABLEACCESS_DENIED_ERROR'].includes(code)) {
    return fail(
      'forbidden',
      `The user of the destination's connection setting may not write ${context.table}: ${said}`,
    );
  }
  if (
    code === '42P01' ||
    code === 'ER_NO_SUCH_TABLE' ||
    /no such table/i.test(message)
  ) {
    return fail(
      'table_not_found',
      `The table ${context.table} does not exist: create it, or set createTable: true (${said})`,
    );
  }
  if (code === '42P10' || /ON CONFLICT/i.test(message)) {
    return fail(
      'no_unique_key',
      `The table ${context.table} needs a primary key or unique index on (${context.key}, ${context.object}) for idempotent writes (${said})`,
    );
  }
  return fail('database_error', `The database refused the write: ${said}`);
}
