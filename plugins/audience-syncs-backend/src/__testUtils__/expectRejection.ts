/**
 * The error `promise` rejects with, after asserting that it is an `errorType` whose message repeats none
 * of the `secrets`.
 */
export async function expectRejection<E extends Error>(
  promise: Promise<unknown>,
  errorType: abstract new (...args: any[]) => E,
  secrets: readonly string[] = [],
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(errorType);
  for (const secret of secrets) {
    expect((error as Error).message).not.toContain(secret);
  }
  return error as E;
}
