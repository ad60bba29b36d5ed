import { HttpAnswer } from './HttpAnswer';

/**
 * Whether an answer is a 2xx whose body is JSON (an empty body counts as `{}`).
 *
 * @public
 */
export function isJsonSuccess(answer: HttpAnswer): boolean {
  return (
    answer.status >= 200 && answer.status < 300 && answer.body !== undefined
  );
}
