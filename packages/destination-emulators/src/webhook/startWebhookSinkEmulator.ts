import { Emulator } from '../framework/Emulator';
import { EmulatorOptions, RunningEmulator } from '../framework/types';
import { WebhookSigningKey } from './verifyWebhookSignature';
import { webhookSinkApi } from './webhookSinkApi';

export interface WebhookSinkEmulatorOptions
  extends Omit<EmulatorOptions, 'applyDelayMs'> {
  /** The destination's `signingSecret` under its `signingKeyId` `default`. Default `WEBHOOK_SINK_DEFAULTS`. */
  signingSecret?: string;
  /** Every secret accepted, by key id (a rotation accepts the old and the new); instead of `signingSecret`. */
  signingSecrets?: readonly WebhookSigningKey[];
  /** How far the signed timestamp may be from now. Default 300 s. */
  toleranceSeconds?: number;
  /** Rows per request; more is 413. Default 10,000, the webhook connector's largest batch size. */
  maxRows?: number;
}

export const WEBHOOK_SINK_DEFAULTS = {
  signingSecret: 'webhook-test-secret-of-at-least-32-bytes',
} as const;

/**
 * Starts a receiver for the webhook connector: signed batches in, membership per object out. Changes apply
 * on receipt; there is no rate limit unless one is set.
 */
export async function startWebhookSinkEmulator(
  options: WebhookSinkEmulatorOptions = {},
): Promise<RunningEmulator> {
  return Emulator.start(
    {
      name: 'webhook',
      rateLimit: null,
      appliesSynchronously: true,
      api: context =>
        webhookSinkApi(
          {
            keys: options.signingSecrets ?? [
              {
                keyId: 'default',
                secret:
                  options.signingSecret ?? WEBHOOK_SINK_DEFAULTS.signingSecret,
              },
            ],
            toleranceSeconds: options.toleranceSeconds ?? 300,
            maxRows: options.maxRows ?? 10_000,
          },
          context,
        ),
    },
    options,
  );
}
