import { Emulator } from '../framework/Emulator';
import { EmulatorOptions, RunningEmulator } from '../framework/types';
import { googleApi } from './googleApi';
import { GoogleOAuthClient } from './googleAuth';
import { SeedUserList } from './googleUserLists';

export interface GoogleDataManagerEmulatorOptions extends EmulatorOptions {
  /** OAuth access tokens accepted as `Authorization: Bearer`, never expiring. Default `google-test-token`. */
  accessTokens?: string[];
  /**
   * OAuth clients of the token endpoint (`POST /token`, Google's `https://oauth2.googleapis.com/token`),
   * each with the refresh tokens it may exchange for access tokens.
   */
  oauthClients?: GoogleOAuthClient[];
  /** How long an access token from the token endpoint is accepted, in seconds. Default 3599, as Google's. */
  tokenLifetimeSeconds?: number;
  /** Google Ads accounts the credentials' user belongs to. Default `1234567890`. */
  accountIds?: string[];
  /**
   * Manager accounts the user belongs to, each with the client accounts it manages: those are reachable
   * only when the call logs in through the manager (`login-account` header, or `loginAccount`).
   */
  managerAccounts?: Record<string, string[]>;
  /** User lists that exist from the start. */
  userLists?: SeedUserList[];
  /** How long accepted requests report PROCESSING in `requestStatus:retrieve` (emulator clock). Default 0. */
  processingMs?: number;
  /**
   * Identifiers (lowercase hex for hashes, as sent for ids) whose records fail processing, with the
   * ProcessingErrorReason the request status counts them under; they are not applied.
   */
  processingErrors?: Record<string, string>;
}

export const GOOGLE_EMULATOR_DEFAULTS = {
  accessToken: 'google-test-token',
  accountId: '1234567890',
  /** IngestionService: 300 requests a minute per GCP project. */
  rateLimit: { requests: 300, perSeconds: 60 },
  /** Google's access tokens last an hour (`expires_in` 3599). */
  tokenLifetimeSeconds: 3599,
} as const;

/**
 * Starts an emulator of Google's Data Manager API: `audienceMembers:ingest|remove` and the user lists of
 * Google Ads accounts, `requestStatus:retrieve`, and Google's OAuth token endpoint. Requests are accepted
 * first and applied later (Data Manager processes them asynchronously), on `flush` or after `applyDelayMs`.
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
            oauthClients: options.oauthClients ?? [],
            tokenLifetimeSeconds:
              options.tokenLifetimeSeconds ??
              GOOGLE_EMULATOR_DEFAULTS.tokenLifetimeSeconds,
            accountIds: options.accountIds ?? [
              GOOGLE_EMULATOR_DEFAULTS.accountId,
            ],
            managerAccounts: options.managerAccounts ?? {},
            userLists: options.userLists ?? [],
            processingMs: options.processingMs ?? 0,
            processingErrors: options.processingErrors ?? {},
          },
          context,
        ),
    },
    options,
  );
}
