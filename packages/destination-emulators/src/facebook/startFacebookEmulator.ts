import { Emulator } from '../framework/Emulator';
import { EmulatorOptions, RunningEmulator } from '../framework/types';
import {
  facebookApi,
  FacebookApiOptions,
  FacebookAudienceSeed,
} from './facebookApi';

export interface FacebookEmulatorOptions extends EmulatorOptions {
  /** The ad account (digits, without `act_`). Default `1000000000000001`. */
  adAccountId?: string;
  /** Tokens accepted (in a Bearer header, `access_token` query or body). Default `facebook-test-token`. */
  accessTokens?: string[];
  /** Tokens refused as expired (code 190, subcode 463) rather than unknown (code 190). */
  expiredTokens?: string[];
  /** When set, every request needs a valid `appsecret_proof` ("Require App Secret"). */
  appSecret?: string;
  /** Audiences that exist from the start: customer lists unless a seed says another subtype. */
  audiences?: FacebookAudienceSeed[];
  /** Throttle signal: code 80003 (ad-account limit, default) or 17 (user request limit). */
  throttleCode?: 80003 | 17;
  /** Throttle HTTP status: Graph uses 400 for most errors (default); recorded mocks use 429. */
  throttleStatus?: 400 | 429;
}

export const FACEBOOK_EMULATOR_DEFAULTS = {
  adAccountId: '1000000000000001',
  accessToken: 'facebook-test-token',
  /** The custom_audience business-use-case quota of a standard-tier ad account: 190,000 calls an hour. */
  rateLimit: { requests: 190_000, perSeconds: 3600 },
} as const;

/**
 * Starts an emulator of Meta's Custom Audiences API (`/v{N}/act_{id}/customaudiences`, `/v{N}/{id}/users`).
 * Uploads are accepted first and applied later (Meta processes them asynchronously), on `flush` or after
 * `applyDelayMs`.
 */
export async function startFacebookEmulator(
  options: FacebookEmulatorOptions = {},
): Promise<RunningEmulator> {
  const api: FacebookApiOptions = {
    adAccountId: options.adAccountId ?? FACEBOOK_EMULATOR_DEFAULTS.adAccountId,
    accessTokens: options.accessTokens ?? [
      FACEBOOK_EMULATOR_DEFAULTS.accessToken,
    ],
    expiredTokens: options.expiredTokens ?? [],
    appSecret: options.appSecret,
    audiences: options.audiences ?? [],
    throttleCode: options.throttleCode ?? 80003,
    throttleStatus: options.throttleStatus ?? 400,
  };
  if (!/^\d+$/.test(api.adAccountId)) {
    throw new Error(
      `adAccountId: '${api.adAccountId}' must be digits, without act_`,
    );
  }
  return Emulator.start(
    {
      name: 'facebook',
      rateLimit: FACEBOOK_EMULATOR_DEFAULTS.rateLimit,
      api: context => facebookApi(api, context),
    },
    options,
  );
}
