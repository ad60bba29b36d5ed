import { Emulator } from '../framework/Emulator';
import { EmulatorOptions, RunningEmulator } from '../framework/types';
import { mailchimpApi } from './mailchimpApi';
import { SeedMailchimpList } from './MailchimpStore';

export interface MailchimpEmulatorOptions
  extends Omit<EmulatorOptions, 'applyDelayMs'> {
  /** API keys accepted as the Basic password; each ends in the data center. Default `mailchimp-test-key-us6`. */
  apiKeys?: string[];
  /** The data center the emulator stands for; keys of another one are refused. Default `us6`. */
  dataCenter?: string;
  /** Audiences that exist from the start (with the default merge fields, plus any given). */
  lists?: SeedMailchimpList[];
  /** Simultaneous requests of one key before 429. Default 10. */
  maxConnections?: number;
  /** 429 problem+json (default), or the bare 403 seen under heavy load. */
  throttleStatus?: 429 | 403;
}

export const MAILCHIMP_EMULATOR_DEFAULTS = {
  apiKey: 'mailchimp-test-key-us6',
  dataCenter: 'us6',
  maxConnections: 10,
} as const;

/**
 * Starts an emulator of the Mailchimp Marketing API (`/3.0`): audiences, batch subscribe, members by
 * subscriber hash, merge fields, and tags (static segments) with batch add/remove. Its objects are the tags;
 * read-back lists the emails of a tag's members. Mailchimp applies writes at once, and throttles only by
 * simultaneous connections, so there is no rate limit unless one is set.
 */
export async function startMailchimpEmulator(
  options: MailchimpEmulatorOptions = {},
): Promise<RunningEmulator> {
  const dataCenter =
    options.dataCenter ?? MAILCHIMP_EMULATOR_DEFAULTS.dataCenter;
  const apiKeys = options.apiKeys ?? [MAILCHIMP_EMULATOR_DEFAULTS.apiKey];
  for (const key of apiKeys) {
    if (!key.endsWith(`-${dataCenter}`)) {
      throw new Error(
        `apiKeys: every key must end in -${dataCenter}, the emulator's data center`,
      );
    }
  }
  const maxConnections =
    options.maxConnections ?? MAILCHIMP_EMULATOR_DEFAULTS.maxConnections;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new RangeError('maxConnections: must be a whole number >= 1');
  }
  return Emulator.start(
    {
      name: 'mailchimp',
      rateLimit: null,
      appliesSynchronously: true,
      api: context =>
        mailchimpApi(
          {
            apiKeys,
            lists: options.lists ?? [],
            maxConnections,
            throttleStatus: options.throttleStatus ?? 429,
          },
          context,
        ),
    },
    options,
  );
}
