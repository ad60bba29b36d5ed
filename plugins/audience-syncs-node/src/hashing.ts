import { hash } from 'node:crypto';

/**
 * Lowercase hex SHA-256 of the UTF-8 bytes of `value`: the hash Meta and Google match normalized identifiers
 * on. Lives in the node package rather than in -common because it needs `node:crypto`; normalize first with
 * the -common identifier functions, the hash is of exactly the string given. The one-shot `crypto.hash`
 * skips the Hash object of `createHash`: about 1.5× the identifiers per second
 * (`yarn bench --scenario hashing`), which is what an initial sync of millions spends its CPU on.
 *
 * @public
 */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

/**
 * Lowercase hex MD5 of the UTF-8 bytes of `value`: Mailchimp's subscriber hash of a lower-cased email.
 *
 * @public
 */
export function md5Hex(value: string): string {
  return hash('md5', value, 'hex');
}
