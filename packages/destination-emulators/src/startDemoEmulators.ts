import { resolve } from 'node:path';
import { DEMO_EMULATORS } from './demoEmulators';
import { startBrazeEmulator } from './braze/startBrazeEmulator';
import { startFacebookEmulator } from './facebook/startFacebookEmulator';
import { RunningEmulator } from './framework/types';
import { startGoogleDataManagerEmulator } from './google/startGoogleDataManagerEmulator';
import { startHubSpotEmulator } from './hubspot/startHubSpotEmulator';
import { startMailchimpEmulator } from './mailchimp/startMailchimpEmulator';
import { readDemoSalesforceOrg } from './salesforce/demoSalesforceOrg';
import { startSalesforceEmulator } from './salesforce/startSalesforceEmulator';
import { startWebhookSinkEmulator } from './webhook/startWebhookSinkEmulator';

export type DemoEmulatorName = keyof Omit<
  typeof DEMO_EMULATORS,
  'applyDelayMs'
>;

/** One demo emulator and the line that tells a person how to reach it. */
export interface StartedDemoEmulator {
  emulator: RunningEmulator;
  summary: string;
}

/**
 * Starts every emulator with the demo credentials and objects that the demo module's destinations
 * use: on their fixed ports (environment overridable) for the portal, or on free ports for tests.
 */
export async function startDemoEmulators(
  options: {
    host?: string;
    ports?: 'fixed' | 'free';
    applyDelayMs?: number | null;
    /** The demo warehouse whose customers the Salesforce org holds; default the portal's. */
    warehouseFile?: string;
  } = {},
): Promise<Record<DemoEmulatorName, StartedDemoEmulator>> {
  const host = options.host ?? '127.0.0.1';
  const applyDelayMs =
    options.applyDelayMs === undefined
      ? DEMO_EMULATORS.applyDelayMs
      : options.applyDelayMs;
  const port = (settings: { port: number; portVariable: string }) =>
    options.ports === 'free'
      ? 0
      : portFrom(settings.portVariable, settings.port);
  const { facebook, google, webhook, braze, mailchimp, salesforce, hubspot } =
    DEMO_EMULATORS;
  const warehouseFile =
    options.warehouseFile ??
    process.env.DEMO_WAREHOUSE_FILE ??
    // The portal's data folder (app-config.yaml): AUDIENCE_SYNCS_DATA_DIR, else data/ relative to the
    // package folder, where `yarn start` runs, as the backend's paths are to its own.
    resolve(
      process.env.AUDIENCE_SYNCS_DATA_DIR ?? '../../data',
      'warehouse.sqlite',
    );

  const started: Partial<Record<DemoEmulatorName, StartedDemoEmulator>> = {};
  try {
    const fb = await startFacebookEmulator({
      host,
      port: port(facebook),
      adAccountId: facebook.adAccountId,
      accessTokens: [facebook.accessToken],
      audiences: [...facebook.audiences],
      applyDelayMs,
    });
    started.facebook = {
      emulator: fb,
      summary: `ad account act_${facebook.adAccountId}, access token ${facebook.accessToken}`,
    };
    const gg = await startGoogleDataManagerEmulator({
      host,
      port: port(google),
      accessTokens: [google.accessToken],
      oauthClients: [
        {
          clientId: google.clientId,
          clientSecret: google.clientSecret,
          refreshTokens: [google.refreshToken],
        },
      ],
      accountIds: [google.accountId],
      userLists: [...google.userLists],
      applyDelayMs,
    });
    started.google = {
      emulator: gg,
      summary: `operating account ${google.accountId}, OAuth client ${google.clientId} / ${google.clientSecret} with refresh token ${google.refreshToken} (token endpoint /token), access token ${google.accessToken}`,
    };
    const hook = await startWebhookSinkEmulator({
      host,
      port: port(webhook),
      signingSecret: webhook.signingSecret,
    });
    started.webhook = {
      emulator: hook,
      summary: `signing secret ${webhook.signingSecret}`,
    };
    // The demo org holds the demo warehouse's customers (read again until the backend has generated it).
    const sf = await startSalesforceEmulator({
      host,
      port: port(salesforce),
      accessTokens: [salesforce.accessToken],
      clientCredentials: [
        {
          clientId: salesforce.clientId,
          clientSecret: salesforce.clientSecret,
        },
      ],
      org: () =>
        readDemoSalesforceOrg(warehouseFile, [...salesforce.campaigns]),
      customFields: [...salesforce.customFields],
    });
    started.salesforce = {
      emulator: sf,
      summary: `connected app ${salesforce.clientId} / ${salesforce.clientSecret}, access token ${salesforce.accessToken}`,
    };
    const hs = await startHubSpotEmulator({
      host,
      port: port(hubspot),
      accessTokens: [hubspot.accessToken],
      lists: [...hubspot.lists],
      customProperties: [...hubspot.customProperties],
    });
    started.hubspot = {
      emulator: hs,
      summary: `private-app token ${hubspot.accessToken}`,
    };
    const brz = await startBrazeEmulator({
      host,
      port: port(braze),
      apiKeys: [braze.apiKey],
      membershipAttributes: [braze.membershipAttribute],
      objects: [...braze.objects],
      applyDelayMs,
    });
    started.braze = {
      emulator: brz,
      summary: `REST API key ${braze.apiKey}, memberships in the ${braze.membershipAttribute} attribute`,
    };
    // Mailchimp applies writes at once, as the vendor does.
    const mc = await startMailchimpEmulator({
      host,
      port: port(mailchimp),
      apiKeys: [mailchimp.apiKey],
      dataCenter: mailchimp.dataCenter,
      lists: [...mailchimp.lists],
    });
    started.mailchimp = {
      emulator: mc,
      summary: `audience ${mailchimp.lists[0].id}, API key ${mailchimp.apiKey}`,
    };
  } catch (error) {
    await Promise.all(Object.values(started).map(s => s.emulator.close()));
    throw error;
  }
  return started as Record<DemoEmulatorName, StartedDemoEmulator>;
}

function portFrom(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable}: '${value}' is not a port number`);
  }
  return port;
}
