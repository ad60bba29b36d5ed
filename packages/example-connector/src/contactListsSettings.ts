import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  readBaseUrl,
  readRequiredString,
  readTimeoutMs,
} from '@internal/plugin-audience-syncs-node';

export interface ContactListsSettings {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * `baseUrl` (default `https://api.contact-lists.example`), `apiKey` (required, secret) and `timeoutMs`
 * (default 30,000). Each error names its setting and never repeats the key.
 */
export const contactListsSettings: DestinationSettingsReader<ContactListsSettings> =
  {
    secretKeys: ['apiKey'],
    read: (settings: Config) => ({
      baseUrl: readBaseUrl(settings, 'https://api.contact-lists.example'),
      apiKey: readRequiredString(settings, 'apiKey'),
      timeoutMs: readTimeoutMs(settings),
    }),
  };
