import { RunningEmulator } from '../framework/types';
import { startBrazeEmulator } from './startBrazeEmulator';

const KEY = 'braze-unit-key';

let braze: RunningEmulator;

beforeAll(async () => {
  braze = await startBrazeEmulator({
    apiKeys: [KEY],
    arrayLimit: 3,
    objects: [{ id: 'vip', name: 'VIP customers' }],
  });
});

beforeEach(() => braze.reset());

afterAll(() => braze.close());

async function call(path: string, body: unknown, key: string | null = KEY) {
  const res = await fetch(`${braze.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

function track(attributes: unknown[], extra: Record<string, unknown> = {}) {
  return call('/users/track', { attributes, ...extra });
}

const add = (id: string, ...values: string[]) => ({
  external_id: id,
  audiences: { add: values },
});

async function exportUser(externalId: string) {
  const res = await call('/users/export/ids', { external_ids: [externalId] });
  return res.json.users[0];
}

describe('Braze emulator', () => {
  describe('auth', () => {
    it('answers 401 Invalid API Key to a wrong or missing key, without using quota', async () => {
      braze.setRateLimit({ requests: 1, perSeconds: 60 });
      for (const key of ['wrong', null]) {
        const res = await call(
          '/users/track',
          { attributes: [add('u1', 'vip')] },
          key,
        );
        expect(res.status).toBe(401);
        expect(res.json).toEqual({ message: 'Invalid API Key' });
      }
      // The refused requests took no token: the one valid request still gets through, the next does not.
      expect((await track([add('u1', 'vip')])).status).toBe(201);
      expect((await track([add('u1', 'vip')])).status).toBe(429);
      expect(braze.stats().byStatus).toEqual({ '201': 1, '401': 2, '429': 1 });
    });
  });

  describe('/users/track', () => {
    it('keeps membership in the array attribute, applied on flush (Braze queues writes)', async () => {
      const res = await track([add('u1', 'vip'), add('u2', 'vip', 'churn')]);
      expect(res.status).toBe(201);
      expect(res.json).toEqual({ message: 'success', attributes_processed: 2 });
      expect(braze.members('vip')).toEqual([]);
      expect(braze.stats().pendingChanges).toBeGreaterThan(0);

      await track([
        { external_id: 'u2', audiences: { remove: ['vip'] } },
        { external_id: 'u3', audiences: { remove: ['vip'] } },
      ]);
      braze.flush();
      expect(braze.members('vip')).toEqual(['u1']);
      expect(braze.members('churn')).toEqual(['u2']);
      expect(braze.objects()).toEqual([
        { id: 'vip', name: 'VIP customers' },
        { id: 'churn', name: 'churn' },
      ]);
    });

    it('treats the array as a set: no duplicates, re-added values move to the end, the oldest drop past the limit', async () => {
      await track([add('u1', 'a', 'b', 'c')]);
      await track([add('u1', 'a')]);
      await track([add('u1', 'b')]);
      expect((await exportUser('u1')).custom_attributes.audiences).toEqual([
        'c',
        'a',
        'b',
      ]);
      // A fourth value pushes out the oldest ('c') with the limit at 3.
      await track([add('u1', 'd')]);
      braze.flush();
      expect((await exportUser('u1')).custom_attributes.audiences).toEqual([
        'a',
        'b',
        'd',
      ]);
      expect(braze.members('c')).toEqual([]);
      expect(braze.members('d')).toEqual(['u1']);
    });

    it('identifies users by email too, reads them back by it, and creates none in update-only mode', async () => {
      await track([
        { email: 'ada@example.com', audiences: { add: ['vip'] } },
        {
          email: 'bob@example.com',
          audiences: { add: ['vip'] },
          _update_existing_only: true,
        },
        {
          external_id: 'u9',
          audiences: { remove: ['vip'] },
          _update_existing_only: true,
        },
      ]);
      braze.flush();
      expect(braze.members('vip')).toEqual(['ada@example.com']);
      const missing = await call('/users/export/ids', { external_ids: ['u9'] });
      expect(missing.json).toMatchObject({
        users: [],
        invalid_user_ids: ['u9'],
      });
      const found = await call('/users/export/ids', {
        email_address: 'ada@example.com',
      });
      expect(found.json.users).toEqual([
        expect.objectContaining({ email: 'ada@example.com' }),
      ]);
    });

    it('sets standard and custom attributes, and unsets them with null', async () => {
      await track([
        {
          external_id: 'u1',
          first_name: 'Ada',
          lifetime_value: 1200,
          plan: 'pro',
        },
      ]);
      await track([{ external_id: 'u1', plan: null }]);
      expect(await exportUser('u1')).toEqual({
        braze_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        external_id: 'u1',
        first_name: 'Ada',
        custom_attributes: { lifetime_value: 1200 },
      });
    });

    it('reports invalid objects by input_array and index, and processes the rest', async () => {
      const res = await call('/users/track', {
        attributes: [
          add('u1', 'vip'),
          { email: 'not-an-email', audiences: { add: ['vip'] } },
          { audiences: { add: ['vip'] } },
        ],
        events: [{ external_id: 'u1', name: 'signup', time: '2026-01-01' }, {}],
      });
      expect(res.status).toBe(201);
      expect(res.json).toEqual({
        message: 'success',
        attributes_processed: 1,
        events_processed: 1,
        errors: [
          {
            type: "The value provided for the 'email' field is not a valid email.",
            input_array: 'attributes',
            index: 1,
          },
          {
            type: "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required",
            input_array: 'attributes',
            index: 2,
          },
          {
            type: "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required",
            input_array: 'events',
            index: 1,
          },
        ],
      });
      braze.flush();
      expect(braze.members('vip')).toEqual(['u1']);
    });

    it('fails the whole request with 400 when no object is valid', async () => {
      const res = await track([{ email: 'x@', audiences: { add: ['vip'] } }]);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        message:
          "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.",
        errors: [
          {
            type: "The value provided for the 'email' field is not a valid email.",
            input_array: 'attributes',
            index: 0,
          },
        ],
      });
      expect((await call('/users/track', {})).status).toBe(400);
    });

    it('takes 75 objects across the arrays and refuses 76 with 400', async () => {
      const users = (n: number) =>
        Array.from({ length: n }, (_, i) => add(`u${i}`, 'vip'));
      const ok = await call('/users/track', {
        attributes: users(70),
        events: Array.from({ length: 5 }, (_, i) => ({
          external_id: `u${i}`,
          name: 'e',
        })),
      });
      expect(ok.status).toBe(201);
      const tooMany = await track(users(76));
      expect(tooMany.status).toBe(400);
      expect(tooMany.json.message).toMatch(/at most 75 objects/);
      expect(braze.stats().rejectedByLimit).toBe(1);
      braze.flush();
      expect(braze.members('vip')).toHaveLength(70);
    });

    it('answers 200 instead of 201 when configured to', async () => {
      const other = await startBrazeEmulator({
        apiKeys: [KEY],
        successStatus: 200,
      });
      try {
        const res = await fetch(`${other.url}/users/track`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${KEY}`,
          },
          body: JSON.stringify({ attributes: [add('u1', 'vip')] }),
        });
        expect(res.status).toBe(200);
      } finally {
        await other.close();
      }
    });
  });

  describe('rate limits and faults', () => {
    it('reports the budget in X-RateLimit headers and throttles with 429 and X-RateLimit-Retry-After', async () => {
      braze.setRateLimit({ requests: 2, perSeconds: 10 });
      const first = await track([add('u1', 'vip')]);
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(
        Date.now() / 1000,
      );
      await track([add('u2', 'vip')]);

      const throttled = await track([add('u3', 'vip')]);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
      // One token every 5 s.
      expect(throttled.headers.get('x-ratelimit-retry-after')).toBe('5');

      braze.advanceClock(5000);
      expect((await track([add('u3', 'vip')])).status).toBe(201);
      expect(braze.stats().throttled).toBe(1);
    });

    it('injects server errors in the Braze shape', async () => {
      braze.setFaults({ errorRate: 1 });
      const res = await track([add('u1', 'vip')]);
      expect([500, 503]).toContain(res.status);
      expect(res.json.message).toEqual(expect.any(String));
    });
  });
});
