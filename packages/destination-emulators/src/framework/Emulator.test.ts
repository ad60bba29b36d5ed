import { Router } from 'express';
import { Emulator } from './Emulator';
import { VendorDefinition } from './VendorApi';

/** A minimal vendor: key-header auth, one endpoint that adds members, and recognizable error answers. */
const acme: VendorDefinition = {
  name: 'acme',
  rateLimit: { requests: 100, perSeconds: 1 },
  api(context) {
    const router = Router();
    router.post('/lists/:id/members', (req, res) => {
      context.ledger.accept(req.params.id, 'add', req.body.ids);
      res.json({ accepted: req.body.ids.length });
    });
    return {
      authenticate: (req, res, next) =>
        req.get('x-key') === 'k'
          ? next()
          : void res.status(401).json({ acme: 'unauthorized' }),
      router,
      objects: () => [{ id: 'vip', name: 'VIP' }],
      throttled: (_req, res, retryAfterMs) =>
        void res.status(429).json({ acme: 'slow down', retryAfterMs }),
      serverError: (_req, res) => void res.status(503).json({ acme: 'oops' }),
      notFound: (_req, res) => void res.status(404).json({ acme: 'no' }),
      badRequest: (_req, res, message) =>
        void res.status(400).json({ acme: message }),
      reset: () => {},
    };
  },
};

let emulator: Emulator;

beforeEach(async () => {
  emulator = await Emulator.start(acme);
});

afterEach(async () => {
  await emulator.close();
});

function addMembers(ids: string[], signal?: AbortSignal) {
  return fetch(`${emulator.url}/lists/vip/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-key': 'k' },
    body: JSON.stringify({ ids }),
    signal,
  });
}

function control(method: string, path: string, body?: unknown) {
  return fetch(`${emulator.url}/__control${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
}

describe('Emulator', () => {
  it('listens on a free loopback port', () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.port).toBeGreaterThan(0);
    expect(emulator.name).toBe('acme');
  });

  it('holds accepted changes until flushed, and reads members back over HTTP', async () => {
    expect((await addMembers(['b', 'a'])).status).toBe(200);

    let res = await control('GET', '/objects/vip/members');
    expect(await res.json()).toEqual({ objectId: 'vip', members: [] });
    expect((await (await control('GET', '/stats')).json()).pendingChanges).toBe(
      1,
    );

    res = await control('POST', '/flush');
    expect(await res.json()).toEqual({ applied: 1 });
    res = await control('GET', '/objects/vip/members');
    expect(await res.json()).toEqual({ objectId: 'vip', members: ['a', 'b'] });
    expect(emulator.members('vip')).toEqual(['a', 'b']);
    expect(await (await control('GET', '/objects')).json()).toEqual({
      objects: [{ id: 'vip', name: 'VIP' }],
    });
  });

  it('counts requests by status, and refuses bad credentials before spending quota', async () => {
    await control('PUT', '/rate-limit', { requests: 1, perSeconds: 3600 });
    const unauthorized = await fetch(`${emulator.url}/lists/vip/members`, {
      method: 'POST',
    });
    expect(unauthorized.status).toBe(401);
    expect((await addMembers(['a'])).status).toBe(200);

    const throttled = await addMembers(['b']);
    expect(throttled.status).toBe(429);
    expect(await throttled.json()).toEqual({
      acme: 'slow down',
      retryAfterMs: expect.any(Number),
    });

    expect(await (await control('GET', '/stats')).json()).toEqual({
      requests: 3,
      throttled: 1,
      rejectedByLimit: 0,
      injectedErrors: 0,
      timedOut: 0,
      tokensIssued: 0,
      byStatus: { '200': 1, '401': 1, '429': 1 },
      pendingChanges: 1,
    });
  });

  it('lets a throttled client through once the clock has moved on by the wait it was given', async () => {
    emulator.setRateLimit({ requests: 1, perSeconds: 3600 });
    await addMembers(['a']);
    const throttled = await addMembers(['b']);
    const { retryAfterMs } = await throttled.json();
    expect(retryAfterMs).toBeGreaterThan(3_599_000);

    const res = await control('POST', '/clock', { advanceMs: retryAfterMs });
    expect(res.status).toBe(204);
    expect((await addMembers(['b'])).status).toBe(200);
  });

  it('answers injected errors with the vendor shape, reproducibly from the seed', async () => {
    const statuses = async () => {
      const seen = [];
      for (let i = 0; i < 12; i++)
        seen.push((await addMembers([`m${i}`])).status);
      return seen;
    };
    await control('POST', '/faults', { errorRate: 0.5, seed: 3 });
    const first = await statuses();
    expect(first).toContain(503);
    expect(first).toContain(200);

    await control('POST', '/faults', { errorRate: 0.5, seed: 3 });
    expect(await statuses()).toEqual(first);
    expect(emulator.stats().injectedErrors).toBe(
      2 * first.filter(s => s === 503).length,
    );
  });

  it('refuses invalid faults and rate limits with 400, naming the setting', async () => {
    let res = await control('POST', '/faults', { errorRate: 2 });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^errorRate: /);
    res = await control('PUT', '/rate-limit', { requests: 0, perSeconds: 1 });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^requests: /);
    res = await control('POST', '/clock', { advanceMs: -1 });
    expect(res.status).toBe(400);
  });

  it('leaves timed-out requests hanging, and still closes at once', async () => {
    emulator.setFaults({ timeoutRate: 1 });
    const hanging = addMembers(['a'], AbortSignal.timeout(200));
    await expect(hanging).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(emulator.stats().timedOut).toBe(1);

    const stillOpen = addMembers(['b']).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise(resolve => setTimeout(resolve, 50));
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await stillOpen).toBe('dropped');
  });

  it('delays every request by the injected latency', async () => {
    emulator.setFaults({ latencyMs: 150 });
    const started = Date.now();
    expect((await addMembers(['a'])).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers unparseable bodies and unknown paths the vendor way', async () => {
    const bad = await fetch(`${emulator.url}/lists/vip/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-key': 'k' },
      body: '{"ids": [',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      acme: 'The request body is not valid JSON',
    });
    const missing = await fetch(`${emulator.url}/nowhere`, {
      headers: { 'x-key': 'k' },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ acme: 'no' });
  });

  it('resets members, faults, limits, stats and the clock', async () => {
    await addMembers(['a']);
    emulator.flush();
    emulator.setFaults({ errorRate: 1 });
    emulator.setRateLimit({ requests: 1, perSeconds: 3600 });
    emulator.advanceClock(1000);

    const res = await control('POST', '/reset');
    expect(res.status).toBe(204);
    expect(emulator.members('vip')).toEqual([]);
    expect(emulator.stats().requests).toBe(0);
    for (let i = 0; i < 3; i++) {
      expect((await addMembers([`m${i}`])).status).toBe(200);
    }
  });
});
