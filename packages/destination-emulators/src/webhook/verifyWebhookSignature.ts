import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** One secret a receiver accepts, under the id the sender names it by. */
export interface WebhookSigningKey {
  keyId: string;
  secret: string;
}

/**
 * Checks the Audience Syncs webhook signature: `x-audience-syncs-signature: sha256=<hex>` must be the
 * HMAC-SHA256, under the accepted secret named by `x-audience-syncs-key-id`, of
 * `<x-audience-syncs-delivery-id>.<x-audience-syncs-timestamp>.<raw body>`, and the timestamp (Unix
 * seconds) at most `toleranceSeconds` away from `nowMs`. The delivery id is signed so that a receiver
 * that remembers the ids it saw within the tolerance can refuse a captured request sent again.
 */
export function verifyWebhookSignature(options: {
  keys: readonly WebhookSigningKey[];
  headers: {
    deliveryId: string | undefined;
    keyId: string | undefined;
    timestamp: string | undefined;
    signature: string | undefined;
  };
  body: Buffer;
  nowMs: number;
  toleranceSeconds: number;
}): SignatureCheck {
  const { deliveryId, keyId, timestamp, signature } = options.headers;
  if (!deliveryId || !/^[\w-]{1,128}$/.test(deliveryId)) {
    return {
      ok: false,
      reason: 'missing or malformed x-audience-syncs-delivery-id',
    };
  }
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
  const key = options.keys.find(k => k.keyId === keyId);
  if (!key) {
    return {
      ok: false,
      reason: 'x-audience-syncs-key-id names no accepted secret',
    };
  }
  const given = signature?.match(/^sha256=([0-9a-f]{64})$/)?.[1];
  if (!given) {
    return {
      ok: false,
      reason: 'missing or malformed x-audience-syncs-signature',
    };
  }
  const expected = createHmac('sha256', key.secret)
    .update(`${deliveryId}.${timestamp}.`)
    .update(options.body)
    .digest();
  if (!timingSafeEqual(Buffer.from(given, 'hex'), expected)) {
    return { ok: false, reason: 'the signature does not match the body' };
  }
  return { ok: true };
}
