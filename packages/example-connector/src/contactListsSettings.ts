import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  readBaseUrl,
  readRequiredString,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

export interface ContactListsSettings {
  baseUrl: string;
  apiKey: string;
}

/**
 * `baseUrl` (default `https://api.contact-lists.example`) and `apiKey` (required, secret); the kit's
 * transport reads `timeoutMs`. Each error names its setting and never repeats the key.
 */
export const contactListsSettings: DestinationSettingsReader<ContactListsSettings> =
  {
    secretKeys: ['apiKey'],
    read: (settings: Config) => ({
      baseUrl: readBaseUrl(settings, 'https://api.contact-lists.example'),
      apiKey: readRequiredString(settings, 'apiKey'),
    }),
  };
