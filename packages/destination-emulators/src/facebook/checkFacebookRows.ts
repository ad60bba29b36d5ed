import { SHA256_HEX } from './facebookSchema';
import { FacebookPayload } from './readFacebookPayload';

export interface CheckedRows {
  /** The identifiers of each valid row (its non-empty values). */
  valid: string[][];
  invalidCount: number;
  /** Offending value → reason, as `invalid_entry_samples`. */
  invalidSamples: Record<string, string>;
}

/**
 * Splits rows into valid and invalid as we assume Meta does: a row is invalid when
 * every value is empty, or when a hashed column holds anything but 64 lowercase hex characters (a raw email,
 * an upper-case hash). Raw columns (MADID, EXTERN_ID) take any value.
 */
export function checkFacebookRows(payload: FacebookPayload): CheckedRows {
  const result: CheckedRows = {
    valid: [],
    invalidCount: 0,
    invalidSamples: {},
  };
  for (const row of payload.data) {
    const problem = rowProblem(payload, row);
    if (problem) {
      result.invalidCount += 1;
      result.invalidSamples[problem.sample] = problem.reason;
    } else {
      result.valid.push(row.filter(value => value !== ''));
    }
  }
  return result;
}

function rowProblem(
  payload: FacebookPayload,
  row: string[],
): { sample: string; reason: string } | undefined {
  if (row.every(value => value === '')) {
    return { sample: '', reason: 'The row has no value for any key' };
  }
  for (const [column, value] of row.entries()) {
    const { key, hashed } = payload.schema[column];
    if (hashed && value !== '' && !SHA256_HEX.test(value)) {
      return {
        sample: value,
        reason: `${key} must be hashed: a SHA-256 hash in 64 lowercase hexadecimal characters`,
      };
    }
  }
  return undefined;
}
