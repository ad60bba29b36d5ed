import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  isHttpUrl,
  readRequiredString,
  readWholeNumber,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { DestinationObject } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** `/users/track` objects per request on the legacy data-point plans. */
export const BRAZE_MAX_OBJECTS_PER_REQUEST = 75;
/**
 * What accounts on the newer monthly-active-user plans take per request, and so the default: a batch of
 * 50 goes through on every plan, while 75 is refused by the newer ones.
 */
export const BRAZE_MAU_OBJECTS_PER_REQUEST = 50;
/** Braze's longest custom attribute key and string value. */
const MAX_ATTRIBUTE_LENGTH = 255;
/** Keys of an attributes object that are not attributes. */
export const BRAZE_RESERVED_KEYS = [
  'external_id',
  'braze_id',
  'user_alias',
  '_update_existing_only',
];

export interface BrazeSettings {
  /** The workspace's REST endpoint, e.g. `https://rest.iad-01.braze.com`, without a trailing slash. */
  apiRoot: string;
  apiKey: string;
  /** The array custom attribute that holds memberships. */
  membershipAttribute: string;
  /** The values a sync can write into it. */
  objects: DestinationObject[];
  batchSize: number;
  /** Whether adds only update users Braze already has, instead of creating them. */
  updateExistingOnly: boolean;
}

/** The settings of a Braze destination; the credentials among them. */
export const brazeSettings: DestinationSettingsReader<BrazeSettings> = {
  secretKeys: ['apiKey'],
  read: readBrazeSettings,
};

/**
 * The settings of a Braze destination. Each error names its setting and never repeats a secret.
 * - `baseUrl` (required): the workspace's REST endpoint, e.g. `https://rest.iad-01.braze.com`;
 * - `apiKey` (required): a REST API key with the `users.track` permission;
 * - `objects` (required): `[{ id, name }]`, the values a sync may write into the membership attribute (a
 *   Braze segment then filters on "<attribute> includes value <id>");
 * - `membershipAttribute` (default `audiences`): the array custom attribute that holds them;
 * - `batchSize` (default 50, at most 75): users per request; accounts on the newer monthly-active-user
 *   plans take at most 50, only accounts on the legacy data-point plans may raise it to 75;
 * - `updateExistingOnly` (default false): adds then only update users Braze already knows;
 * - `timeoutMs` (default 30,000).
 */
function readBrazeSettings(settings: Config): BrazeSettings {
  const baseUrl = settings.getString('baseUrl');
  if (!isHttpUrl(baseUrl)) {
    throw new Error(
      `baseUrl: '${baseUrl}' is not an http(s) URL like https://rest.iad-01.braze.com`,
    );
  }
  const apiKey = readRequiredString(settings, 'apiKey');

  const membershipAttribute =
    settings.getOptionalString('membershipAttribute') ?? 'audiences';
  if (
    membershipAttribute.trim() === '' ||
    membershipAttribute.startsWith('$') ||
    membershipAttribute.length > MAX_ATTRIBUTE_LENGTH ||
    [...BRAZE_RESERVED_KEYS, 'email', 'phone'].includes(membershipAttribute)
  ) {
    throw new Error(
      `membershipAttribute: '${membershipAttribute}' cannot name a custom attribute: it must be 1 to 255 characters, not start with $, and not be an identifier`,
    );
  }

  const objects = settings.getConfigArray('objects').map((o, index) => {
    const id = String(o.get('id')).trim();
    if (id === '' || id.length > MAX_ATTRIBUTE_LENGTH) {
      throw new Error(
        `objects[${index}].id: must be 1 to ${MAX_ATTRIBUTE_LENGTH} characters, the value written into ${membershipAttribute}`,
      );
    }
    return { id, name: o.getOptionalString('name') ?? id };
  });
  if (objects.length === 0) {
    throw new Error(
      `objects: list at least one value of ${membershipAttribute} that syncs may fill`,
    );
  }
  const seen = new Set<string>();
  for (const [index, { id }] of objects.entries()) {
    if (seen.has(id)) {
      throw new Error(`objects[${index}].id: '${id}' is listed twice`);
    }
    seen.add(id);
  }

  const batchSize = readWholeNumber(settings, 'batchSize', {
    min: 1,
    max: BRAZE_MAX_OBJECTS_PER_REQUEST,
    fallback: BRAZE_MAU_OBJECTS_PER_REQUEST,
  });
  return {
    apiRoot: baseUrl.replace(/\/+$/, ''),
    apiKey,
    membershipAttribute,
    objects,
    batchSize,
    updateExistingOnly:
      settings.getOptionalBoolean('updateExistingOnly') ?? false,
  };
}
