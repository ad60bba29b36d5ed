import { Emulator } from '../framework/Emulator';
import { EmulatorOptions, RunningEmulator } from '../framework/types';
import { AddedKeySpelling, hubspotApi } from './hubspotApi';
import { HubSpotOAuthApp } from './hubspotAuth';
import { SeedHubSpotContact, SeedHubSpotList } from './HubSpotPortal';
import { SeedHubSpotProperty } from './hubspotProperties';

export interface HubSpotEmulatorOptions extends EmulatorOptions {
  /** Private-app tokens accepted as `Authorization: Bearer`, never expiring. Default `hubspot-test-token`. */
  accessTokens?: string[];
  /** OAuth apps whose refresh tokens `POST /oauth/v1/token` exchanges for access tokens. */
  oauthApps?: HubSpotOAuthApp[];
  /** How long an OAuth access token is accepted, in seconds. Default 1800, as HubSpot's. */
  tokenLifetimeSeconds?: number;
  /** Tokens granted only the scopes listed (calls needing others get 403 MISSING_SCOPES); others have all. */
  tokenScopes?: Record<string, string[]>;
  /** Contact lists that exist from the start (MANUAL unless said otherwise). */
  lists?: SeedHubSpotList[];
  /** Contacts that exist from the start. */
  contacts?: SeedHubSpotContact[];
  /**
   * Custom contact properties besides HubSpot's standard ones and those the seeded contacts use: a name (a
   * text property) or a definition with its label and type.
   */
  customProperties?: SeedHubSpotProperty[];
  /**
   * The key of the ids a membership add reports: the official schema's `recordsIdsAdded` (default) or the
   * `recordIdsAdded` of a hand-written doc example; clients should read both.
   */
  addedKeySpelling?: AddedKeySpelling;
  /** Record ids per membership request; more is 400. Default 100,000 (no documented limit). */
  maxMembershipIds?: number;
}

export const HUBSPOT_EMULATOR_DEFAULTS = {
  accessToken: 'hubspot-test-token',
  /** Private apps on Free/Starter: 100 requests per 10 seconds, TEN_SECONDLY_ROLLING. */
  rateLimit: { requests: 100, perSeconds: 10 },
  maxMembershipIds: 100_000,
  /** HubSpot's OAuth access tokens last 30 minutes. */
  tokenLifetimeSeconds: 1800,
} as const;

/**
 * Starts an emulator of HubSpot's CRM Lists and Contacts APIs (`/crm/v3/…` and `/crm/lists/2026-03/…`)
 * and of its OAuth token endpoint (`/oauth/v1/token`).
 * Changes apply at once; the members read back per list are the lower-cased emails of its contacts.
 */
export async function startHubSpotEmulator(
  options: HubSpotEmulatorOptions = {},
): Promise<RunningEmulator> {
  const maxMembershipIds =
    options.maxMembershipIds ?? HUBSPOT_EMULATOR_DEFAULTS.maxMembershipIds;
  if (!Number.isInteger(maxMembershipIds) || maxMembershipIds < 1) {
    throw new Error('maxMembershipIds: must be a whole number >= 1');
  }
  return Emulator.start(
    {
      name: 'hubspot',
      rateLimit: HUBSPOT_EMULATOR_DEFAULTS.rateLimit,
      appliesSynchronously: true,
      api: context =>
        hubspotApi(
          {
            accessTokens: options.accessTokens ?? [
              HUBSPOT_EMULATOR_DEFAULTS.accessToken,
            ],
            oauthApps: options.oauthApps ?? [],
            tokenLifetimeSeconds:
              options.tokenLifetimeSeconds ??
              HUBSPOT_EMULATOR_DEFAULTS.tokenLifetimeSeconds,
            tokenScopes: options.tokenScopes ?? {},
            lists: options.lists ?? [],
            contacts: options.contacts ?? [],
            customProperties: options.customProperties ?? [],
            addedKeySpelling: options.addedKeySpelling ?? 'recordsIdsAdded',
            maxMembershipIds,
          },
          context,
        ),
    },
    options,
  );
}
