/* eslint-disable no-console */
import { DEMO_EMULATORS } from './demoEmulators';
import { startFacebookEmulator } from './facebook/startFacebookEmulator';
import { RunningEmulator } from './framework/types';
import { startGoogleDataManagerEmulator } from './google/startGoogleDataManagerEmulator';
import { startWebhookSinkEmulator } from './webhook/startWebhookSinkEmulator';

/**
 * Starts every emulator on its fixed port with the demo credentials and stays up until SIGINT/SIGTERM.
 * Environment: EMULATORS_HOST (default 127.0.0.1), FACEBOOK_EMULATOR_PORT, GOOGLE_EMULATOR_PORT,
 * WEBHOOK_SINK_PORT.
 */
async function main() {
  const host = process.env.EMULATORS_HOST ?? '127.0.0.1';
  const { facebook, google, webhook, applyDelayMs } = DEMO_EMULATORS;
  const started: RunningEmulator[] = [];
  const shutdown = async () => {
    await Promise.all(started.map(e => e.close()));
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    started.push(
      await startFacebookEmulator({
        host,
        port: portFrom(facebook.portVariable, facebook.port),
        adAccountId: facebook.adAccountId,
        accessTokens: [facebook.accessToken],
        audiences: [...facebook.audiences],
        applyDelayMs,
      }),
    );
    console.log(
      `facebook  ${started.at(-1)!.url}  ad account act_${
        facebook.adAccountId
      }, access token ${facebook.accessToken}`,
    );
    started.push(
      await startGoogleDataManagerEmulator({
        host,
        port: portFrom(google.portVariable, google.port),
        accessTokens: [google.accessToken],
        accountIds: [google.accountId],
        userLists: [...google.userLists],
        applyDelayMs,
      }),
    );
    console.log(
      `google    ${started.at(-1)!.url}  operating account ${
        google.accountId
      }, access token ${google.accessToken}`,
    );
    started.push(
      await startWebhookSinkEmulator({
        host,
        port: portFrom(webhook.portVariable, webhook.port),
        signingSecret: webhook.signingSecret,
      }),
    );
    console.log(
      `webhook   ${started.at(-1)!.url}  signing secret ${
        webhook.signingSecret
      }`,
    );
    console.log(
      'controls  /__control: GET objects, objects/:id/members, stats; POST faults, flush, clock, reset; PUT/DELETE rate-limit',
    );
  } catch (error) {
    console.error(`Could not start the emulators: ${(error as Error).message}`);
    await Promise.all(started.map(e => e.close()));
    process.exit(1);
  }
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

main();
