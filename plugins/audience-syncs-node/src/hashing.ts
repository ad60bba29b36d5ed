import { createHash } from 'node:crypto';

/**
 * Lowercase hex SHA-256 of the UTF-8 bytes of `value`: the hash Meta and Google match normalized identifiers
 * on. Lives in the node package rather than in -common because it needs `node:crypto`; normalize first with
 * the -common identifier functions, the hash is of exactly the string given.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Lowercase hex MD5 of the UTF-8 bytes of `value`: Mailchimp's subscriber hash of a lower-cased email. */
export function md5Hex(value: string): string {
  return createHash('md5').update(value, 'utf8').digest('hex');
}
