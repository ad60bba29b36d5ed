import { createHmac } from 'node:crypto';
import { RunningEmulator } from '../framework/types';
import { startWebhookSinkEmulator } from './startWebhookSinkEmulator';

const SECRET = 'sink-secret';
let sink: RunningEmulator;

beforeAll(async () => {
  sink = await startWebhookSinkEmulator({ signingSecret: SECRET, maxRows: 3 });
});

beforeEach(() => sink.reset());

afterAll(() => sink.close());

/** Signs like WebhookClient: HMAC-SHA256 of `<timestamp>.<body>` under the secret. */
function post(
  payload: unknown,
  options: { secret?: string; timestamp?: number } = {},
) {
  const body = JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(`${timestamp}.${body}`)
    .digest('hex');
  return fetch(`${sink.url}/webhook/marketing`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-audience-syncs-timestamp': timestamp,
      'x-audience-syncs-signature': `sha256=${signature}`,
    },
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
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', SECRET)
      .update(`${timestamp}.${body}`)
      .digest('hex');
    const res = await fetch(`${sink.url}/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-audience-syncs-timestamp': timestamp,
        'x-audience-syncs-signature': `sha256=${signature}`,
      },
      body: body.replace('a@x.io', 'e@x.io'),
    });
    expect(res.status).toBe(401);
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
