import { Emulator } from '../framework/Emulator';
import { SeedSalesforceField } from './salesforceDescribe';
import { EmulatorOptions, RunningEmulator } from '../framework/types';
import { salesforceApi } from './salesforceApi';
import { SalesforceClientCredentials } from './salesforceAuth';
import { SalesforceOrgSeed } from './SalesforceOrg';

export interface SalesforceEmulatorOptions extends EmulatorOptions {
  /** OAuth access tokens accepted as `Authorization: Bearer`. Default `salesforce-test-token`. */
  accessTokens?: string[];
  /** Connected apps that may get a token from `POST /services/oauth2/token` (client-credentials flow). */
  clientCredentials?: SalesforceClientCredentials[];
  /** How long a session from the token endpoint lasts, in seconds. Default 7200 (the 2-hour session timeout). */
  tokenLifetimeSeconds?: number;
  /**
   * The org's Contacts, Leads and Campaigns at start, or a function that reads them, called at start and on
   * every reset; while it returns undefined (its source is not there yet) the org is empty and the function
   * is called again at each request. Fields beyond the standard ones become custom fields of Contact and Lead.
   */
  org?: SalesforceOrgSeed | (() => SalesforceOrgSeed | undefined);
  /**
   * Custom fields of Contact and Lead besides those the seed uses: a name, e.g. `Customer_Id__c` (a text
   * field), or a definition with its label and type.
   */
  customFields?: SeedSalesforceField[];
  /** Records another transaction holds: writes touching them fail with UNABLE_TO_LOCK_ROW. */
  lockedRecordIds?: string[];
  /** Records per query page before `nextRecordsUrl`; default 2,000 as in Salesforce. */
  queryBatchSize?: number;
}

export const SALESFORCE_EMULATOR_DEFAULTS = {
  accessToken: 'salesforce-test-token',
  /**
   * The org's daily API allocation (`Sforce-Limit-Info: api-usage=7979/15000`, a Developer Edition
   * org), as a bucket that refills over 24 hours, like the rolling window Salesforce counts in.
   */
  rateLimit: { requests: 15_000, perSeconds: 86_400 },
  queryBatchSize: 2000,
  /** The org's default session timeout: 2 hours. */
  tokenLifetimeSeconds: 7200,
} as const;

/**
 * Starts an emulator of a Salesforce org's REST API (`/services/data/vXX.X/…`): SOQL, Campaigns, and
 * CampaignMembers through sObject Collections. Writes apply at once (Salesforce is synchronous); the
 * members read back per campaign are the lower-cased emails of its Contacts and Leads.
 */
export async function startSalesforceEmulator(
  options: SalesforceEmulatorOptions = {},
): Promise<RunningEmulator> {
  const queryBatchSize =
    options.queryBatchSize ?? SALESFORCE_EMULATOR_DEFAULTS.queryBatchSize;
  if (
    !Number.isInteger(queryBatchSize) ||
    queryBatchSize < 1 ||
    queryBatchSize > 2000
  ) {
    throw new Error('queryBatchSize: must be a whole number from 1 to 2000');
  }
  const seed = options.org;
  return Emulator.start(
    {
      name: 'salesforce',
      rateLimit: SALESFORCE_EMULATOR_DEFAULTS.rateLimit,
      appliesSynchronously: true,
      api: context =>
        salesforceApi(
          {
            accessTokens: options.accessTokens ?? [
              SALESFORCE_EMULATOR_DEFAULTS.accessToken,
            ],
            tokenLifetimeSeconds:
              options.tokenLifetimeSeconds ??
              SALESFORCE_EMULATOR_DEFAULTS.tokenLifetimeSeconds,
            clientCredentials: options.clientCredentials ?? [],
            org: typeof seed === 'function' ? seed : () => seed ?? {},
            customFields: options.customFields ?? [],
            lockedRecordIds: options.lockedRecordIds ?? [],
            queryBatchSize,
          },
          context,
        ),
    },
    options,
  );
}
