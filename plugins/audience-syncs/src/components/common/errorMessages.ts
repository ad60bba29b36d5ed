/** The HTTP status of a failed request (`ResponseError.statusCode`), if the error came from one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * What the server said about a failed request (`{ error: { message } }` of a `ResponseError`), falling back to
 * the error's own message for anything else.
 */
export function serverMessage(error: unknown): string {
  const body = (
    error as { body?: { error?: { message?: unknown } } } | undefined
  )?.body;
  const message = body?.error?.message;
  if (typeof message === 'string' && message.length > 0) {
    return message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
