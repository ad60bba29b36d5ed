import { Emulator } from '../framework/Emulator';
import { EmulatorOptions, RunningEmulator } from '../framework/types';
import { googleApi } from './googleApi';
import { SeedUserList } from './googleUserLists';

export interface GoogleDataManagerEmulatorOptions extends EmulatorOptions {
  /** OAuth access tokens accepted as `Authorization: Bearer`. Default `google-test-token`. */
  accessTokens?: string[];
  /** Google Ads operating accounts the tokens may use. Default `1234567890`. */
  accountIds?: string[];
  /** User lists that exist from the start. */
  userLists?: SeedUserList[];
}

export const GOOGLE_EMULATOR_DEFAULTS = {
  accessToken: 'google-test-token',
  accountId: '1234567890',
  /** IngestionService: 300 requests a minute per GCP project. */
  rateLimit: { requests: 300, perSeconds: 60 },
} as const;

/**
 * Starts an emulator of Google's Data Manager API: `audienceMembers:ingest|remove` and the user lists of
 * Google Ads accounts. Requests are accepted first and applied later (Data Manager processes them
 * asynchronously), on `flush` or after `applyDelayMs`.
 */
export async function startGoogleDataManagerEmulator(
  options: GoogleDataManagerEmulatorOptions = {},
): Promise<RunningEmulator> {
  return Emulator.start(
    {
      name: 'google',
      rateLimit: GOOGLE_EMULATOR_DEFAULTS.rateLimit,
      api: context =>
        googleApi(
          {
            accessTokens: options.accessTokens ?? [
              GOOGLE_EMULATOR_DEFAULTS.accessToken,
            ],
            accountIds: options.accountIds ?? [
              GOOGLE_EMULATOR_DEFAULTS.accountId,
            ],
            userLists: options.userLists ?? [],
          },
          context,
        ),
    },
    options,
  );
}
