import { createHmac, randomUUID } from 'node:crypto';
import { RunningEmulator } from '../framework/types';
import { startWebhookSinkEmulator } from './startWebhookSinkEmulator';

const SECRET = 'sink-secret-0123456789abcdef0123456789';
let sink: RunningEmulator;

beforeAll(async () => {
  sink = await startWebhookSinkEmulator({ signingSecret: SECRET, maxRows: 3 });
});

beforeEach(() => sink.reset());

afterAll(() => sink.close());

interface Signing {
  secret?: string;
  keyId?: string;
  deliveryId?: string;
  timestamp?: number;
}

/** The headers WebhookClient sends: HMAC-SHA256 of `<delivery id>.<timestamp>.<body>` under the secret. */
function signedHeaders(body: string, options: Signing = {}) {
  const deliveryId = options.deliveryId ?? randomUUID();
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(`${deliveryId}.${timestamp}.${body}`)
    .digest('hex');
  return {
    'content-type': 'application/json',
    'x-audience-syncs-delivery-id': deliveryId,
    'x-audience-syncs-key-id': options.keyId ?? 'default',
    'x-audience-syncs-timestamp': timestamp,
    'x-audience-syncs-signature': `sha256=${signature}`,
  };
}

function post(payload: unknown, options: Signing = {}, url = sink.url) {
  const body = JSON.stringify(payload);
  return fetch(`${url}/webhook/marketing`, {
    method: 'POST',
    headers: signedHeaders(body, options),
    body,
  });
}

function batch(operation: string, values: string[]) {
  return {
    destinationId: 'crm-webhook',
    object: { id: 'newsletter', name: 'Newsletter' },
    operation,
    rows: values.map(value => ({
      memberKey: value,
      identifier: { field: 'email', value },
      fields: {},
    })),
  };
}

describe('webhook sink emulator', () => {
  it('keeps membership per object from signed adds and removes', async () => {
    expect((await post(batch('add', ['b@x.io', 'a@x.io']))).status).toBe(200);
    await post(batch('add', ['a@x.io']));
    await post(batch('update', ['c@x.io']));
    const removed = await post(batch('remove', ['b@x.io', 'z@x.io']));
    expect(await removed.json()).toEqual({ rejected: [] });

    expect(sink.members('newsletter')).toEqual(['a@x.io']);
    expect(sink.objects()).toEqual([{ id: 'newsletter', name: 'Newsletter' }]);
    const res = await fetch(`${sink.url}/__control/objects/newsletter/members`);
    expect(await res.json()).toEqual({
      objectId: 'newsletter',
      members: ['a@x.io'],
    });
  });

  it.each([
    ['a wrong secret', { secret: 'other' }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 3600 }],
  ])('answers 401 to %s and changes nothing', async (_what, options) => {
    const res = await post(batch('add', ['a@x.io']), options);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toMatch(/^Invalid signature/);
    expect(sink.members('newsletter')).toEqual([]);
  });

  it('answers 401 to a body changed after signing', async () => {
    const body = JSON.stringify(batch('add', ['a@x.io']));
    const res = await fetch(`${sink.url}/webhook`, {
      method: 'POST',
      headers: signedHeaders(body),
      body: body.replace('a@x.io', 'e@x.io'),
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a delivery id changed after signing, and to the old signature without one', async () => {
    const body = JSON.stringify(batch('add', ['a@x.io']));
    const headers = signedHeaders(body, { deliveryId: 'first' });
    const changed = await fetch(`${sink.url}/webhook`, {
      method: 'POST',
      headers: { ...headers, 'x-audience-syncs-delivery-id': 'second' },
      body,
    });
    expect(changed.status).toBe(401);

    const timestamp = String(Math.floor(Date.now() / 1000));
    const unsignedId = await fetch(`${sink.url}/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-audience-syncs-timestamp': timestamp,
        'x-audience-syncs-signature': `sha256=${createHmac('sha256', SECRET)
          .update(`${timestamp}.${body}`)
          .digest('hex')}`,
      },
      body,
    });
    expect(unsignedId.status).toBe(401);
    expect(sink.members('newsletter')).toEqual([]);
  });

  it('applies a delivery once: a replay within the tolerance gets the first answer and changes nothing', async () => {
    const remove = JSON.stringify(batch('remove', ['a@x.io']));
    const captured = signedHeaders(remove);
    await post(batch('add', ['a@x.io']));
    const first = await fetch(`${sink.url}/webhook`, {
      method: 'POST',
      headers: captured,
      body: remove,
    });
    expect(first.status).toBe(200);
    await post(batch('add', ['a@x.io']));

    const replayed = await fetch(`${sink.url}/webhook`, {
      method: 'POST',
      headers: captured,
      body: remove,
    });
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({ rejected: [] });
    expect(sink.members('newsletter')).toEqual(['a@x.io']);
  });

  it('answers 401 to a key id it does not accept', async () => {
    const res = await post(batch('add', ['a@x.io']), { keyId: 'retired' });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toContain('x-audience-syncs-key-id');
    expect(sink.members('newsletter')).toEqual([]);
  });

  it('accepts each of its secrets under its own key id while a sender rotates', async () => {
    const NEW = 'the-new-secret-0123456789abcdef-0123';
    const rotating = await startWebhookSinkEmulator({
      signingSecrets: [
        { keyId: '2026-12', secret: NEW },
        { keyId: 'default', secret: SECRET },
      ],
    });
    try {
      const old = await post(batch('add', ['a@x.io']), {}, rotating.url);
      const rotated = await post(
        batch('add', ['b@x.io']),
        { keyId: '2026-12', secret: NEW },
        rotating.url,
      );
      const crossed = await post(
        batch('add', ['c@x.io']),
        { keyId: '2026-12', secret: SECRET },
        rotating.url,
      );
      expect([old.status, rotated.status, crossed.status]).toEqual([
        200, 200, 401,
      ]);
      expect(rotating.members('newsletter')).toEqual(['a@x.io', 'b@x.io']);
    } finally {
      await rotating.close();
    }
  });

  it('refuses more rows than its limit with 413, and malformed batches with 400', async () => {
    const tooMany = await post(batch('add', ['a', 'b', 'c', 'd']));
    expect(tooMany.status).toBe(413);
    expect(sink.stats().rejectedByLimit).toBe(1);
    expect((await post({ operation: 'add' })).status).toBe(400);
    expect((await post(batch('merge', ['a']))).status).toBe(400);
  });

  it('throttles with 429 and Retry-After in seconds when rate limited', async () => {
    sink.setRateLimit({ requests: 1, perSeconds: 10 });
    await post(batch('add', ['a']));
    const res = await post(batch('add', ['b']));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('10');
  });
});
