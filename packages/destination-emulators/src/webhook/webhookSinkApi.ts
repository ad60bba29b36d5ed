import { Router } from 'express';
import { EmulatorContext, rawBodyOf, VendorApi } from '../framework/VendorApi';
import {
  verifyWebhookSignature,
  WebhookSigningKey,
} from './verifyWebhookSignature';

export interface WebhookSinkApiOptions {
  /** Every secret accepted, old and new alike while the sender rotates. */
  keys: readonly WebhookSigningKey[];
  toleranceSeconds: number;
  maxRows: number;
}

type Operation = 'add' | 'remove' | 'update';

/**
 * A receiver of Audience Syncs webhook batches on any path: checks the signature, then keeps each object's
 * membership from the adds and removes (`rows[].identifier.value`); updates change fields, not membership.
 * A delivery id it already applied is answered as the first time and applied no more: a retry whose
 * answer was lost is not applied twice, and a captured request sent again changes nothing.
 */
type WebhookRow = {
  memberKey: string;
  identifier: { field?: string; value: string };
};

export function webhookSinkApi(
  options: WebhookSinkApiOptions,
  context: EmulatorContext,
): VendorApi {
  const objects = new Map<string, string>();
  /** The answers of the deliveries applied within the tolerance; older ones fail the timestamp check. */
  const delivered = new Map<string, { atMs: number; answer: unknown }>();
  const router = Router();

  function remember(deliveryId: string, answer: unknown) {
    const now = context.clock.now();
    for (const [id, { atMs }] of delivered) {
      if (now - atMs <= 2 * options.toleranceSeconds * 1000) break;
      delivered.delete(id);
    }
    delivered.set(deliveryId, { atMs: now, answer });
  }

  router.post('*', (req, res) => {
    const body = req.body ?? {};
    const objectId = body.object?.id;
    const operation: Operation = body.operation;
    const rows: unknown[] = body.rows;
    if (
      typeof objectId !== 'string' ||
      !['add', 'remove', 'update'].includes(operation) ||
      !Array.isArray(rows)
    ) {
      res.status(400).json({
        error:
          'The body must be { object: { id }, operation: add|remove|update, rows: [...] }',
      });
      return;
    }
    if (rows.length > options.maxRows) {
      context.stats.count('rejectedByLimit');
      res
        .status(413)
        .json({ error: `At most ${options.maxRows} rows per request` });
      return;
    }
    const parsed = rows.map(row => row as WebhookRow);
    if (
      parsed.some(
        row =>
          typeof row?.identifier?.value !== 'string' ||
          row.identifier.value === '',
      )
    ) {
      res.status(400).json({ error: 'Every row needs identifier.value' });
      return;
    }
    // Like a receiver that validates what it stores: an email identifier must look like one.
    const refused = parsed.filter(
      row =>
        row.identifier.field === 'email' && !row.identifier.value.includes('@'),
    );
    const accepted = parsed.filter(row => !refused.includes(row));
    objects.set(objectId, String(body.object.name ?? objectId));
    if (operation !== 'update') {
      context.ledger.accept(
        objectId,
        operation,
        accepted.map(row => row.identifier.value),
      );
    }
    const answer = {
      rejected: refused.map(row => ({
        memberKey: row.memberKey,
        code: 'invalid_email',
        message: `'${row.identifier.value}' is not an email address`,
        retryable: false,
      })),
    };
    remember(req.get('x-audience-syncs-delivery-id')!, answer);
    res.json(answer);
  });

  return {
    authenticate(req, res, next) {
      const deliveryId = req.get('x-audience-syncs-delivery-id');
      const check = verifyWebhookSignature({
        keys: options.keys,
        headers: {
          deliveryId,
          keyId: req.get('x-audience-syncs-key-id'),
          timestamp: req.get('x-audience-syncs-timestamp'),
          signature: req.get('x-audience-syncs-signature'),
        },
        body: rawBodyOf(req),
        nowMs: context.clock.now(),
        toleranceSeconds: options.toleranceSeconds,
      });
      if (!check.ok) {
        res.status(401).json({ error: `Invalid signature: ${check.reason}` });
        return;
      }
      const applied = delivered.get(deliveryId!);
      if (applied) res.json(applied.answer);
      else next();
    },
    router,
    objects: () => [...objects].map(([id, name]) => ({ id, name })),
    throttled(_req, res, retryAfterMs) {
      res
        .status(429)
        .set('retry-after', String(Math.ceil(retryAfterMs / 1000)))
        .json({ error: 'Too many requests' });
    },
    serverError(_req, res) {
      res.status(503).json({ error: 'Service unavailable' });
    },
    notFound(_req, res) {
      res.status(404).json({ error: 'Not found: batches are POSTed' });
    },
    badRequest(_req, res, message) {
      res.status(400).json({ error: message });
    },
    reset() {
      objects.clear();
      delivered.clear();
    },
  };
}
