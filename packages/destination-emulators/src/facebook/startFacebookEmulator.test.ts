import { createHash, createHmac } from 'node:crypto';
import { RunningEmulator } from '../framework/types';
import { startFacebookEmulator } from './startFacebookEmulator';

const TOKEN = 'fb-token';
const ACCOUNT = '4242';
const sha = (v: string) => createHash('sha256').update(v).digest('hex');

let fb: RunningEmulator;

beforeAll(async () => {
  fb = await startFacebookEmulator({
    adAccountId: ACCOUNT,
    accessTokens: [TOKEN],
    expiredTokens: ['old-token'],
  });
});

beforeEach(() => fb.reset());

afterAll(() => fb.close());

async function graph(
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; form?: boolean } = {},
) {
  const headers: Record<string, string> = {};
  if (options.token !== null) {
    headers.authorization = `Bearer ${options.token ?? TOKEN}`;
  }
  let body: string | undefined;
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(
      options.body as Record<string, string>,
    ).toString();
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(`${fb.url}/v25.0${path}`, { method, headers, body });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

async function createAudience(name = 'VIP') {
  const res = await graph('POST', `/act_${ACCOUNT}/customaudiences`, {
    body: {
      name,
      subtype: 'CUSTOM',
      customer_file_source: 'USER_PROVIDED_ONLY',
    },
  });
  expect(res.status).toBe(200);
  return res.json.id as string;
}

function emailRows(count: number, from = 0) {
  return Array.from({ length: count }, (_, i) => [
    sha(`user${from + i}@example.com`),
  ]);
}

describe('Facebook Custom Audiences emulator', () => {
  describe('auth', () => {
    it('takes the token from a Bearer header, the query or the body', async () => {
      const path = `/act_${ACCOUNT}/customaudiences`;
      expect((await graph('GET', path)).status).toBe(200);
      const query = await fetch(`${fb.url}/v25.0${path}?access_token=${TOKEN}`);
      expect(query.status).toBe(200);
      const form = await graph('POST', path, {
        token: null,
        form: true,
        body: {
          access_token: TOKEN,
          name: 'Form',
          customer_file_source: 'USER_PROVIDED_ONLY',
        },
      });
      expect(form.status).toBe(200);
    });

    it('refuses unknown tokens with OAuthException 190 and expired ones with subcode 463', async () => {
      const path = `/act_${ACCOUNT}/customaudiences`;
      const unknown = await graph('GET', path, { token: 'nope' });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error).toMatchObject({
        type: 'OAuthException',
        code: 190,
      });
      const expired = await graph('GET', path, { token: 'old-token' });
      expect(expired.json.error).toMatchObject({
        code: 190,
        error_subcode: 463,
      });
      const none = await graph('GET', path, { token: null });
      expect(none.json.error).toMatchObject({ code: 104 });
      expect(fb.stats().byStatus).toEqual({ '400': 3 });
    });

    it('requires a valid appsecret_proof when an app secret is configured', async () => {
      const secured = await startFacebookEmulator({
        adAccountId: ACCOUNT,
        accessTokens: [TOKEN],
        appSecret: 'app-secret',
      });
      try {
        const url = `${secured.url}/v25.0/act_${ACCOUNT}/customaudiences?access_token=${TOKEN}`;
        expect((await (await fetch(url)).json()).error.code).toBe(100);
        const time = '1767225600';
        const proof = createHmac('sha256', 'app-secret')
          .update(`${TOKEN}|${time}`)
          .digest('hex');
        const ok = await fetch(
          `${url}&appsecret_proof=${proof}&appsecret_time=${time}`,
        );
        expect(ok.status).toBe(200);
        const wrong = await fetch(`${url}&appsecret_proof=${'0'.repeat(64)}`);
        expect((await wrong.json()).error.message).toMatch(
          /Invalid appsecret_proof/,
        );
      } finally {
        await secured.close();
      }
    });
  });

  describe('audiences', () => {
    it('creates audiences and lists them page by page with cursors', async () => {
      const ids = [];
      for (const name of ['A', 'B', 'C']) ids.push(await createAudience(name));

      const first = await graph(
        'GET',
        `/act_${ACCOUNT}/customaudiences?fields=id,name&limit=2`,
      );
      expect(first.json.data).toEqual([
        { id: ids[0], name: 'A' },
        { id: ids[1], name: 'B' },
      ]);
      expect(first.json.paging.next).toContain('after=');
      const second = await graph(
        'GET',
        `/act_${ACCOUNT}/customaudiences?fields=id,name&limit=2&after=${first.json.paging.cursors.after}`,
      );
      expect(second.json.data).toEqual([{ id: ids[2], name: 'C' }]);
      expect(second.json.paging.next).toBeUndefined();
      expect(fb.objects().map(o => o.name)).toEqual(['A', 'B', 'C']);
    });

    it('refuses an audience without a name or customer_file_source', async () => {
      const path = `/act_${ACCOUNT}/customaudiences`;
      const noName = await graph('POST', path, {
        body: { customer_file_source: 'USER_PROVIDED_ONLY' },
      });
      expect(noName.json.error).toMatchObject({ code: 100 });
      const noSource = await graph('POST', path, { body: { name: 'X' } });
      expect(noSource.json.error.message).toMatch(/customer_file_source/);
    });

    it('refuses another ad account as an unknown object (code 100, subcode 33)', async () => {
      const res = await graph('GET', '/act_999/customaudiences');
      expect(res.json.error).toMatchObject({ code: 100, error_subcode: 33 });
    });
  });

  describe('users', () => {
    it('accepts uploads first and applies them on flush, idempotently', async () => {
      const id = await createAudience();
      const rows = emailRows(3);
      const added = await graph('POST', `/${id}/users`, {
        body: { payload: { schema: ['EMAIL'], data: rows } },
      });
      expect(added.json).toEqual({
        audience_id: id,
        session_id: expect.any(String),
        num_received: 3,
        num_invalid_entries: 0,
        invalid_entry_samples: {},
      });
      expect(fb.members(id)).toEqual([]);
      expect(fb.stats().pendingChanges).toBe(1);

      await graph('POST', `/${id}/users`, {
        body: { payload: { schema: ['EMAIL'], data: rows.slice(0, 1) } },
      });
      await graph('DELETE', `/${id}/users`, {
        body: {
          payload: { schema: ['EMAIL'], data: [rows[1], [sha('nobody')]] },
        },
      });
      fb.flush();
      expect(fb.members(id)).toEqual([rows[0][0], rows[2][0]].sort());
    });

    it('reads the payload as form-encoded JSON and from the query of a DELETE (the Node SDK)', async () => {
      const id = await createAudience();
      const payload = JSON.stringify({
        schema: 'EMAIL_SHA256',
        data: [sha('a@x.io'), sha('b@x.io')],
      });
      const form = await graph('POST', `/${id}/users`, {
        form: true,
        body: { payload },
      });
      expect(form.json.num_received).toBe(2);
      const del = await fetch(
        `${
          fb.url
        }/v25.0/${id}/users?access_token=${TOKEN}&payload=${encodeURIComponent(
          JSON.stringify({ schema: 'EMAIL_SHA256', data: [sha('a@x.io')] }),
        )}`,
        { method: 'DELETE' },
      );
      expect((await del.json()).num_received).toBe(1);
      fb.flush();
      expect(fb.members(id)).toEqual([sha('b@x.io')]);
    });

    it('takes raw MADID and EXTERN_ID, and reports unhashed or empty rows as invalid samples', async () => {
      const id = await createAudience();
      const res = await graph('POST', `/${id}/users`, {
        body: {
          payload: {
            schema: ['EMAIL', 'MADID', 'EXTERN_ID'],
            data: [
              [sha('ok@x.io'), '', ''],
              ['', '6032d997-3ab0-4de0-aa16-8af0e5b482fb', ''],
              ['', '', 'crm-42'],
              ['Raw@Example.com', '', ''],
              [sha('x').toUpperCase(), '', ''],
              ['', '', ''],
            ],
          },
        },
      });
      expect(res.json.num_received).toBe(6);
      expect(res.json.num_invalid_entries).toBe(3);
      expect(Object.keys(res.json.invalid_entry_samples).sort()).toEqual(
        ['', 'Raw@Example.com', sha('x').toUpperCase()].sort(),
      );
      fb.flush();
      expect(fb.members(id)).toEqual(
        [
          sha('ok@x.io'),
          '6032d997-3ab0-4de0-aa16-8af0e5b482fb',
          'crm-42',
        ].sort(),
      );
    });

    it('takes 10,000 rows in one request and refuses 10,001 with error 105', async () => {
      const id = await createAudience();
      const ok = await graph('POST', `/${id}/users`, {
        body: { payload: { schema: ['EMAIL'], data: emailRows(10_000) } },
      });
      expect(ok.json.num_received).toBe(10_000);
      const tooMany = await graph('POST', `/${id}/users`, {
        body: { payload: { schema: ['EMAIL'], data: emailRows(10_001, 5) } },
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.json.error).toMatchObject({ code: 105 });
      expect(fb.stats().rejectedByLimit).toBe(1);
      fb.flush();
      expect(fb.members(id)).toHaveLength(10_000);
    });

    it.each([
      [{}, /payload is required/],
      [{ payload: '{not json' }, /JSON/],
      [
        { payload: { schema: ['EMAIL', 'SHOE_SIZE'], data: [['', '']] } },
        /SHOE_SIZE/,
      ],
      [{ payload: { schema: ['EMAIL'], data: [] } }, /non-empty/],
      [{ payload: { schema: ['EMAIL', 'PHONE'], data: [['a']] } }, /data\[0\]/],
    ])('refuses the malformed body %p with code 100', async (body, message) => {
      const id = await createAudience();
      const res = await graph('POST', `/${id}/users`, { body });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe(100);
      expect(res.json.error.message).toMatch(message);
    });

    it('refuses an unknown audience with code 100, subcode 33', async () => {
      const res = await graph('POST', '/123/users', {
        body: { payload: { schema: ['EMAIL'], data: emailRows(1) } },
      });
      expect(res.json.error).toMatchObject({ code: 100, error_subcode: 33 });
    });
  });

  describe('audience subtypes', () => {
    it('lists lookalike, website and shared audiences with their subtype and edit permission, and refuses uploads to them', async () => {
      const mixed = await startFacebookEmulator({
        adAccountId: ACCOUNT,
        accessTokens: [TOKEN],
        audiences: [
          { id: '11', name: 'Buyers' },
          { id: '12', name: 'Buyers lookalike', subtype: 'LOOKALIKE' },
          { id: '13', name: 'Site visitors', subtype: 'WEBSITE' },
          { id: '14', name: 'Partner list', shared: true },
        ],
      });
      try {
        const call = async (method: string, path: string, body?: unknown) => {
          const res = await fetch(`${mixed.url}/v25.0${path}`, {
            method,
            headers: {
              authorization: `Bearer ${TOKEN}`,
              'content-type': 'application/json',
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          return { status: res.status, json: await res.json() };
        };
        const listed = await call(
          'GET',
          `/act_${ACCOUNT}/customaudiences?fields=id,subtype,permission_for_actions`,
        );
        expect(listed.json.data).toEqual([
          {
            id: '11',
            subtype: 'CUSTOM',
            permission_for_actions: { can_edit: true },
          },
          {
            id: '12',
            subtype: 'LOOKALIKE',
            permission_for_actions: { can_edit: true },
          },
          {
            id: '13',
            subtype: 'WEBSITE',
            permission_for_actions: { can_edit: true },
          },
          {
            id: '14',
            subtype: 'CUSTOM',
            permission_for_actions: { can_edit: false },
          },
        ]);
        const upload = { payload: { schema: ['EMAIL'], data: emailRows(1) } };
        expect((await call('POST', '/11/users', upload)).status).toBe(200);
        for (const id of ['12', '13']) {
          const refused = await call('POST', `/${id}/users`, upload);
          expect(refused.status).toBe(400);
          expect(refused.json.error).toMatchObject({
            code: 100,
            message: expect.stringContaining('subtype CUSTOM'),
          });
        }
        const shared = await call('DELETE', '/14/users', upload);
        expect(shared.json.error).toMatchObject({ code: 200 });
        mixed.flush();
        expect(mixed.members('12')).toEqual([]);
      } finally {
        await mixed.close();
      }
    });
  });

  describe('upload sessions', () => {
    const upload = (session: unknown, from = 0) => ({
      body: {
        payload: { schema: ['EMAIL'], data: emailRows(2, from) },
        session,
      },
    });

    it('takes the batches of a session in any order until the last one, then refuses later ones', async () => {
      const id = await createAudience();
      const session = (batch_seq: number, last_batch_flag = false) => ({
        session_id: 777,
        batch_seq,
        last_batch_flag,
        estimated_num_total: 8,
      });
      for (const [seq, last] of [
        [1, false],
        [3, true],
        [2, false],
        // A retry of a batch already received.
        [3, true],
      ] as const) {
        const res = await graph(
          'POST',
          `/${id}/users`,
          upload(session(seq, last), seq * 2),
        );
        expect(res.status).toBe(200);
        expect(res.json.session_id).toBe('777');
      }
      const late = await graph('POST', `/${id}/users`, upload(session(4), 8));
      expect(late.status).toBe(400);
      expect(late.json.error.message).toMatch(/ended with batch 3/);
      // Another session (the next run) starts afresh.
      const next = await graph(
        'POST',
        `/${id}/users`,
        upload({ ...session(4), session_id: 778 }),
      );
      expect(next.status).toBe(200);
    });

    it.each([
      [{ batch_seq: 1 }, /session\[session_id\]/],
      [{ session_id: 'abc', batch_seq: 1 }, /session\[session_id\]/],
      [{ session_id: 5, batch_seq: 0 }, /session\[batch_seq\]/],
      [
        { session_id: 5, batch_seq: 1, last_batch_flag: 'yes' },
        /session\[last_batch_flag\]/,
      ],
      [
        { session_id: 5, batch_seq: 1, estimated_num_total: -1 },
        /session\[estimated_num_total\]/,
      ],
      ['not json', /session must be a JSON object/],
    ])(
      'refuses the session %p with code 100, naming the field',
      async (session, message) => {
        const id = await createAudience();
        const res = await graph('POST', `/${id}/users`, upload(session));
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe(100);
        expect(res.json.error.message).toMatch(message);
        fb.flush();
        expect(fb.members(id)).toEqual([]);
      },
    );
  });

  describe('throttling and faults', () => {
    it('throttles with code 80003 and the usage header, in whole minutes to regain access', async () => {
      fb.setRateLimit({ requests: 2, perSeconds: 3600 });
      const path = `/act_${ACCOUNT}/customaudiences`;
      const first = await graph('GET', path);
      const usage = JSON.parse(first.headers.get('x-business-use-case-usage')!);
      expect(usage[ACCOUNT][0]).toMatchObject({
        type: 'custom_audience',
        estimated_time_to_regain_access: 0,
      });
      await graph('GET', path);

      const throttled = await graph('GET', path);
      expect(throttled.status).toBe(400);
      expect(throttled.json.error).toMatchObject({
        code: 80003,
        type: 'OAuthException',
        is_transient: true,
      });
      const regain = JSON.parse(
        throttled.headers.get('x-business-use-case-usage')!,
      )[ACCOUNT][0];
      expect(regain.call_count).toBe(100);
      // 2 an hour: the next call in 30 minutes.
      expect(regain.estimated_time_to_regain_access).toBe(30);

      fb.advanceClock(30 * 60_000);
      expect((await graph('GET', path)).status).toBe(200);
      expect(fb.stats().throttled).toBe(1);
    });

    it('can throttle with code 17 and HTTP 429 instead', async () => {
      const other = await startFacebookEmulator({
        adAccountId: ACCOUNT,
        accessTokens: [TOKEN],
        rateLimit: { requests: 1, perSeconds: 60 },
        throttleCode: 17,
        throttleStatus: 429,
      });
      try {
        const url = `${other.url}/v25.0/act_${ACCOUNT}/customaudiences?access_token=${TOKEN}`;
        await fetch(url);
        const res = await fetch(url);
        expect(res.status).toBe(429);
        expect((await res.json()).error).toMatchObject({
          code: 17,
          error_subcode: 2446079,
        });
      } finally {
        await other.close();
      }
    });

    it('injects transient server errors in the Graph shape', async () => {
      fb.setFaults({ errorRate: 1 });
      const res = await graph('GET', `/act_${ACCOUNT}/customaudiences`);
      expect(res.status).toBe(500);
      expect([1, 2]).toContain(res.json.error.code);
      expect(res.json.error.fbtrace_id).toEqual(expect.any(String));
    });
  });
});
