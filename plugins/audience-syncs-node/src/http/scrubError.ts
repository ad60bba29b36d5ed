import { scrubSecrets } from './scrubSecrets';

/**
 * `error` with every occurrence of the secrets replaced in its message and stack (which repeats the
 * message). The error itself is changed, so its class and fields stay what the thrower chose.
 *
 * @public
 */
export function scrubError<T>(error: T, secrets: Iterable<string>): T {
  if (!(error instanceof Error)) return error;
  const list = [...secrets];
  const message = scrubSecrets(error.message, list);
  if (message !== error.message) {
    error.message = message;
    if (error.stack) error.stack = scrubSecrets(error.stack, list);
  }
  return error;
}
