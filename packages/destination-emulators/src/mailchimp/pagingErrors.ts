import { FieldError } from './mailchimpErrors';

/** "Maximum value is 1000" for `count` in every collection of the Marketing API. */
export const MAILCHIMP_MAX_COUNT = 1000;

/**
 * What is wrong with a collection request's `count` and `offset`, for the 400 Invalid Resource
 * Mailchimp answers: a count above its maximum is refused, not cut, so a client cannot believe it read
 * a page it did not.
 */
export function pagingErrors(query: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (query.count !== undefined) {
    const count = Number(query.count);
    if (!Number.isInteger(count) || count < 1 || count > MAILCHIMP_MAX_COUNT) {
      errors.push({
        field: 'count',
        message: `count must be a whole number from 1 to ${MAILCHIMP_MAX_COUNT}.`,
      });
    }
  }
  if (query.offset !== undefined) {
    const offset = Number(query.offset);
    if (!Number.isInteger(offset) || offset < 0) {
      errors.push({
        field: 'offset',
        message: 'offset must be a whole number of 0 or more.',
      });
    }
  }
  return errors;
}
