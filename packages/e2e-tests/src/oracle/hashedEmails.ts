import { normalizeEmail } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { createHash } from 'node:crypto';

/** What an ad platform should hold for these members: SHA-256 of each normalized email, sorted. */
export function hashedEmails(members: Record<string, unknown>[]): string[] {
  return members
    .map(m => normalizeEmail(String(m.email)))
    .filter((email): email is string => email !== undefined)
    .map(email => createHash('sha256').update(email).digest('hex'))
    .sort();
}
