import { JsonAnswer } from './fetchJson';

/** Whether an answer is a 2xx whose body is JSON (an empty body counts as `{}`). */
export function isJsonSuccess(answer: JsonAnswer): boolean {
  return (
    answer.status >= 200 && answer.status < 300 && answer.body !== undefined
  );
}
