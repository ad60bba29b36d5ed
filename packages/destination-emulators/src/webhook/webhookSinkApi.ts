import { Router } from 'express';
import { EmulatorContext, rawBodyOf, VendorApi } from '../framework/VendorApi';
import { verifyWebhookSignature } from './verifyWebhookSignature';

export interface WebhookSinkApiOptions {
  signingSecret: string;
  toleranceSeconds: number;
  maxRows: number;
}

type Operation = 'add' | 'remove' | 'update';

/**
 * A receiver of Audience Syncs webhook batches on any path: checks the signature, then keeps each object's
 * membership from the adds and removes (`rows[].identifier.value`); updates change fields, not membership.
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
  const router = Router();

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
    res.json({
      rejected: refused.map(row => ({
        memberKey: row.memberKey,
        code: 'invalid_email',
        message: `'${row.identifier.value}' is not an email address`,
        retryable: false,
      })),
    });
  });

  return {
    authenticate(req, res, next) {
      const check = verifyWebhookSignature({
        secret: options.signingSecret,
        timestamp: req.get('x-audience-syncs-timestamp'),
        signature: req.get('x-audience-syncs-signature'),
        body: rawBodyOf(req),
        nowMs: context.clock.now(),
        toleranceSeconds: options.toleranceSeconds,
      });
      if (check.ok) next();
      else
        res.status(401).json({ error: `Invalid signature: ${check.reason}` });
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
    },
  };
}
