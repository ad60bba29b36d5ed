import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  readBaseUrl,
  readRequiredString,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

export const NEW_MEMBER_STATUSES = [
  'subscribed',
  'pending',
  'transactional',
] as const;
export type NewMemberStatus = (typeof NEW_MEMBER_STATUSES)[number];

/** Mailchimp's limit of simultaneous connections per user. */
export const MAILCHIMP_MAX_CONNECTIONS = 10;

export interface MailchimpSettings {
  /** API root with the version, e.g. `https://us6.api.mailchimp.com/3.0`. */
  apiRoot: string;
  apiKey: string;
  /** The audience (list) whose tags syncs fill. */
  listId: string;
  newMemberStatus: NewMemberStatus;
  maxConcurrentRequests: number;
}

/** The settings of a Mailchimp destination; the credentials among them. */
export const mailchimpSettings: DestinationSettingsReader<MailchimpSettings> = {
  secretKeys: ['apiKey'],
  read: readMailchimpSettings,
};

/**
 * The settings of a Mailchimp destination. Each error names its setting and never repeats a secret.
 * - `apiKey` (required): a Marketing API key; its `-us6`-style suffix is the data center;
 * - `listId` (required): the audience whose tags syncs fill;
 * - `newMemberStatus` (default `transactional`): the status of contacts a sync adds to the audience:
 *   `subscribed` (they consented to marketing email), `pending` (Mailchimp sends a double opt-in email) or
 *   `transactional` (no marketing consent); existing contacts keep theirs;
 * - `baseUrl` (default `https://<dc>.api.mailchimp.com`);
 * - `maxConcurrentRequests` (default 9, at most 10): Mailchimp allows 10 simultaneous connections per user
 *  ; one is left for the account's other tools;
 * - `timeoutMs` (default 30,000).
 */
function readMailchimpSettings(settings: Config): MailchimpSettings {
  const apiKey = readRequiredString(settings, 'apiKey');
  const dataCenter = /-([a-z]+\d+)$/.exec(apiKey)?.[1];
  if (!dataCenter) {
    throw new Error(
      'apiKey: does not end in its data center, like -us6: copy the whole key from Mailchimp',
    );
  }
  const baseUrl = readBaseUrl(
    settings,
    `https://${dataCenter}.api.mailchimp.com`,
  );
  // Ids may be written as YAML numbers: read them as any value.
  const listId = String(settings.get('listId')).trim();
  if (!/^[A-Za-z0-9]+$/.test(listId)) {
    throw new Error(
      `listId: '${listId}' is not a Mailchimp audience id like 1a2b3c4d5e`,
    );
  }
  const status =
    settings.getOptionalString('newMemberStatus') ?? 'transactional';
  if (!(NEW_MEMBER_STATUSES as readonly string[]).includes(status)) {
    throw new Error(
      `newMemberStatus: '${status}' is not one of ${NEW_MEMBER_STATUSES.join(
        ', ',
      )}`,
    );
  }
  const maxConcurrentRequests =
    settings.getOptionalNumber('maxConcurrentRequests') ??
    MAILCHIMP_MAX_CONNECTIONS - 1;
  if (
    !Number.isInteger(maxConcurrentRequests) ||
    maxConcurrentRequests < 1 ||
    maxConcurrentRequests > MAILCHIMP_MAX_CONNECTIONS
  ) {
    throw new Error(
      `maxConcurrentRequests: must be a whole number from 1 to ${MAILCHIMP_MAX_CONNECTIONS}, Mailchimp's limit of simultaneous connections`,
    );
  }
  return {
    apiRoot: `${baseUrl}/3.0`,
    apiKey,
    listId,
    newMemberStatus: status as NewMemberStatus,
    maxConcurrentRequests,
  };
}
