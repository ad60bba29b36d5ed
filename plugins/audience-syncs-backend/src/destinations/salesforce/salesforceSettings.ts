import { Config } from '@backstage/config';
import {
  DestinationSettingsReader,
  isHttpUrl,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

/** sObject Collections, which the connector writes with, arrived in API v42.0. */
const OLDEST_API_VERSION = 42;

export type SalesforceAuthSettings =
  | { kind: 'token'; accessToken: string }
  | { kind: 'client-credentials'; clientId: string; clientSecret: string };

export interface SalesforceSettings {
  /** The org's My Domain URL, e.g. `https://acme.my.salesforce.com`, without a trailing slash. */
  instanceUrl: string;
  /** e.g. `v67.0`. */
  apiVersion: string;
  auth: SalesforceAuthSettings;
  /** A custom Contact (and Lead) field holding the warehouse's user id, e.g. `Customer_Id__c`. */
  externalIdField?: string;
  /** Whether members that no Contact has are looked for among unconverted Leads. */
  matchLeads: boolean;
  /** The CampaignMember `Status` of new members; the campaign's default status when unset. */
  memberStatus?: string;
  /** The org's daily API requests this destination may spend, if capped. */
  apiRequestsPerDay?: number;
}

/** The settings of a Salesforce destination; the credentials among them. */
export const salesforceSettings: DestinationSettingsReader<SalesforceSettings> =
  {
    secretKeys: ['accessToken', 'clientSecret'],
    read: readSalesforceSettings,
  };

/**
 * The settings of a Salesforce destination. Each error names its setting and never repeats a secret.
 * - `instanceUrl` (required): the org's My Domain URL;
 * - credentials, one of: `clientId` + `clientSecret` of a connected app with the client-credentials flow
 *   enabled (recommended: the connector gets a new session whenever the old one expires), or `accessToken`,
 *   a session token (it expires with the session, and syncs then fail until it is replaced);
 * - `apiVersion` (default `v67.0`, at least `v42.0`);
 * - `externalIdField`: the API name of a custom field of Contact and Lead that holds the audience's
 *   `user_id`, offered as a second identifier besides Email;
 * - `matchLeads` (default true): members no Contact has are matched among unconverted Leads;
 * - `memberStatus`: the CampaignMember Status of new members (default: the campaign's default status);
 * - `apiRequestsPerDay`: caps what this destination spends of the org's shared daily API allocation;
 * - `timeoutMs` (default 30,000).
 */
function readSalesforceSettings(settings: Config): SalesforceSettings {
  const instanceUrl = settings.getString('instanceUrl').trim();
  if (!isHttpUrl(instanceUrl)) {
    throw new Error(
      `instanceUrl: '${instanceUrl}' is not an http(s) URL like https://acme.my.salesforce.com`,
    );
  }
  const apiVersion = settings.getOptionalString('apiVersion') ?? 'v67.0';
  const version = /^v(\d+)\.0$/.exec(apiVersion);
  if (!version || Number(version[1]) < OLDEST_API_VERSION) {
    throw new Error(
      `apiVersion: '${apiVersion}' is not a REST API version from v42.0 on, like v67.0`,
    );
  }
  const externalIdField = settings.getOptionalString('externalIdField');
  if (
    externalIdField !== undefined &&
    !/^[A-Za-z][A-Za-z0-9_]*$/.test(externalIdField)
  ) {
    throw new Error(
      `externalIdField: '${externalIdField}' is not a field API name like Customer_Id__c`,
    );
  }
  const memberStatus = settings.getOptionalString('memberStatus')?.trim();
  const apiRequestsPerDay = settings.getOptionalNumber('apiRequestsPerDay');
  if (
    apiRequestsPerDay !== undefined &&
    (!Number.isInteger(apiRequestsPerDay) || apiRequestsPerDay < 4)
  ) {
    throw new Error('apiRequestsPerDay: must be a whole number >= 4');
  }
  return {
    instanceUrl: instanceUrl.replace(/\/+$/, ''),
    apiVersion,
    auth: readAuth(settings),
    externalIdField,
    matchLeads: settings.getOptionalBoolean('matchLeads') ?? true,
    memberStatus: memberStatus || undefined,
    apiRequestsPerDay,
  };
}

function readAuth(settings: Config): SalesforceAuthSettings {
  const accessToken = settings.getOptionalString('accessToken')?.trim();
  const clientId = settings.getOptionalString('clientId')?.trim();
  const clientSecret = settings.getOptionalString('clientSecret')?.trim();
  if (clientId || clientSecret) {
    if (accessToken) {
      throw new Error(
        'accessToken: set either accessToken or clientId and clientSecret, not both',
      );
    }
    if (!clientId) throw new Error('clientId: required with clientSecret');
    if (!clientSecret) throw new Error('clientSecret: required with clientId');
    return { kind: 'client-credentials', clientId, clientSecret };
  }
  if (!accessToken) {
    throw new Error(
      'accessToken: required, unless clientId and clientSecret of a connected app are set',
    );
  }
  return { kind: 'token', accessToken };
}
