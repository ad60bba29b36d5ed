import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Checks the Audience Syncs webhook signature: `x-audience-syncs-signature: sha256=<hex>` must be the
 * HMAC-SHA256 under the secret of `<x-audience-syncs-timestamp>.<raw body>`, and the timestamp (Unix
 * seconds) at most `toleranceSeconds` away from `nowMs`, so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(options: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
  nowMs: number;
  toleranceSeconds: number;
}): SignatureCheck {
  const { timestamp, signature } = options;
  if (!timestamp || !/^\d+$/.test(timestamp)) {
    return {
      ok: false,
      reason: 'missing or malformed x-audience-syncs-timestamp',
    };
  }
  if (
    Math.abs(options.nowMs / 1000 - Number(timestamp)) >
    options.toleranceSeconds
  ) {
    return {
      ok: false,
      reason: 'x-audience-syncs-timestamp is too old or in the future',
    };
  }
  const given = signature?.match(/^sha256=([0-9a-f]{64})$/)?.[1];
  if (!given) {
    return {
      ok: false,
      reason: 'missing or malformed x-audience-syncs-signature',
    };
  }
  const expected = createHmac('sha256', options.secret)
    .update(`${timestamp}.`)
    .update(options.body)
    .digest();
  if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) {
    return { ok: false, reason: 'the signature does not match the body' };
  }
  return { ok: true };
}
