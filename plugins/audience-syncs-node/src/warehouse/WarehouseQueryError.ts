/**
 * Why a warehouse query failed: the database refused a write (audience queries are read-only), the query
 * ran out of time, or anything else the database reported.
 *
 * @public
 */
export type WarehouseQueryFailure = 'write-refused' | 'timed-out' | 'failed';

/**
 * A failed warehouse query, with the database's own message.
 *
 * @public
 */
export class WarehouseQueryError extends Error {
  readonly failure: WarehouseQueryFailure;

  constructor(
    failure: WarehouseQueryFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WarehouseQueryError';
    this.failure = failure;
  }

  static writeRefused(cause: unknown): WarehouseQueryError {
    return new WarehouseQueryError(
      'write-refused',
      `the query tried to write to the warehouse, which audience queries may not do: they run read-only (${messageOf(
        cause,
      )})`,
      { cause },
    );
  }

  static timedOut(timeoutMs: number, cause?: unknown): WarehouseQueryError {
    const detail = cause === undefined ? '' : ` (${messageOf(cause)})`;
    return new WarehouseQueryError(
      'timed-out',
      `the query ran longer than its statement timeout of ${formatTimeout(
        timeoutMs,
      )}${detail}`,
      { cause },
    );
  }

  static failed(cause: unknown): WarehouseQueryError {
    return new WarehouseQueryError('failed', messageOf(cause), { cause });
  }
}

/** The driver's message; read by shape, since a driver's errors need not be this realm's `Error`s. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

function formatTimeout(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
