import { Emulator } from '../framework/Emulator';
import { EmulatorOptions, RunningEmulator } from '../framework/types';
import { brazeApi } from './brazeApi';
import { BRAZE_MAX_OBJECTS_PER_REQUEST } from './usersTrackRoute';

export interface BrazeEmulatorOptions extends EmulatorOptions {
  /** REST API keys accepted as `Authorization: Bearer`. Default `braze-test-key`. */
  apiKeys?: string[];
  /** Array custom attributes that hold memberships. Default `['audiences']`. */
  membershipAttributes?: string[];
  /** Values that are objects from the start (they also appear once any user holds them). */
  objects?: Array<{ id: string; name: string }>;
  /** Longest array attribute: 25 by default, up to 100 where the workspace raised it. */
  arrayLimit?: number;
  /** Objects per `/users/track` request: 75, or 50 on MAU-priced accounts. */
  maxObjectsPerRequest?: number;
  /** Status of a successful `/users/track`: the mocks disagree, so 201 by default or 200. */
  successStatus?: 200 | 201;
}

export const BRAZE_EMULATOR_DEFAULTS = {
  apiKey: 'braze-test-key',
  membershipAttribute: 'audiences',
  arrayLimit: 25,
  /** `/users/track`: 3,000 requests per 3 seconds. */
  rateLimit: { requests: 3000, perSeconds: 3 },
} as const;

/**
 * Starts an emulator of Braze's REST API for user data: `/users/track` with membership kept in array custom
 * attributes (`{ "audiences": { "add": [...], "remove": [...] } }`), and `/users/export/ids`. The
 * objects are the values of those attributes; read-back lists the users holding a value, by external id
 * (else the email or phone they were created from). Writes are accepted first and applied later (Braze
 * queues them), on `flush` or after `applyDelayMs`.
 */
export async function startBrazeEmulator(
  options: BrazeEmulatorOptions = {},
): Promise<RunningEmulator> {
  const arrayLimit = options.arrayLimit ?? BRAZE_EMULATOR_DEFAULTS.arrayLimit;
  if (!Number.isInteger(arrayLimit) || arrayLimit < 1 || arrayLimit > 100) {
    throw new RangeError('arrayLimit: must be a whole number from 1 to 100');
  }
  const maxObjects =
    options.maxObjectsPerRequest ?? BRAZE_MAX_OBJECTS_PER_REQUEST;
  if (!Number.isInteger(maxObjects) || maxObjects < 1) {
    throw new RangeError('maxObjectsPerRequest: must be a whole number >= 1');
  }
  return Emulator.start(
    {
      name: 'braze',
      rateLimit: BRAZE_EMULATOR_DEFAULTS.rateLimit,
      api: context =>
        brazeApi(
          {
            apiKeys: options.apiKeys ?? [BRAZE_EMULATOR_DEFAULTS.apiKey],
            membershipAttributes: options.membershipAttributes ?? [
              BRAZE_EMULATOR_DEFAULTS.membershipAttribute,
            ],
            objects: options.objects ?? [],
            arrayLimit,
            maxObjectsPerRequest: maxObjects,
            successStatus: options.successStatus ?? 201,
          },
          context,
        ),
    },
    options,
  );
}
