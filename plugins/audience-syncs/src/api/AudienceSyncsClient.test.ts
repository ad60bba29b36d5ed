import { ResponseError } from '@backstage/errors';
import { AudienceSyncsClient } from './AudienceSyncsClient';
import { syncProblemsOf } from './syncProblemsOf';

const BASE = 'http://localhost:7007/api/audience-syncs';

function setup(response: () => Response) {
  const fetch = jest.fn(async (_url: string, _init?: RequestInit) =>
    response(),
  );
  const client = new AudienceSyncsClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: fetch as any },
  });
  const call = (index = 0) => {
    const [url, init] = fetch.mock.calls[index];
    return {
      url,
      method: init?.method,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      contentType: (init?.headers as Record<string, string> | undefined)?.[
        'Content-Type'
      ],
    };
  };
  return { client, fetch, call };
}

const json =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

describe('AudienceSyncsClient', () => {
  it('lists syncs with the filters and page as query parameters, leaving out empty ones', async () => {
    const body = { items: [], totalCount: 0, limit: 25, offset: 50 };
    const { client, call } = setup(json(body));

    await expect(
      client.listSyncs({
        status: 'paused',
        destinationId: 'fb ads',
        audienceId: undefined,
        search: '',
        limit: 25,
        offset: 50,
      }),
    ).resolves.toEqual(body);
    expect(call()).toEqual({
      url: `${BASE}/syncs?status=paused&destinationId=fb+ads&limit=25&offset=50`,
      method: 'GET',
      body: undefined,
      contentType: undefined,
    });
  });

  it.each([
    ['getHealth', [], '/health'],
    [
      'listAudiences',
      [{ search: 'vip', limit: 500 }],
      '/audiences?search=vip&limit=500',
    ],
    ['getAudience', ['a/b'], '/audiences/a%2Fb'],
    ['getDestination', ['fb'], '/destinations/fb'],
    ['getSync', ['s1'], '/syncs/s1'],
    [
      'listRuns',
      ['s1', { limit: 10, offset: 20 }],
      '/syncs/s1/runs?limit=10&offset=20',
    ],
    ['getRun', ['s1', 7], '/syncs/s1/runs/7'],
    [
      'listActivity',
      ['s1', { limit: 5, offset: 10 }],
      '/syncs/s1/activity?limit=5&offset=10',
    ],
  ])('%s reads its route', async (method, args, path) => {
    const { client, call } = setup(json({ ok: true }));
    await expect((client as any)[method](...args)).resolves.toEqual({
      ok: true,
    });
    expect(call()).toMatchObject({ url: `${BASE}${path}`, method: 'GET' });
  });

  it('unwraps the items of destinations and destination objects', async () => {
    const { client, call } = setup(json({ items: [{ id: 'x', name: 'X' }] }));
    await expect(client.listDestinations()).resolves.toEqual([
      { id: 'x', name: 'X' },
    ]);
    await expect(client.listDestinationObjects('fb')).resolves.toEqual([
      { id: 'x', name: 'X' },
    ]);
    expect(call(0).url).toBe(`${BASE}/destinations`);
    expect(call(1).url).toBe(`${BASE}/destinations/fb/objects`);
  });

  it.each([
    ['pauseSync', ['s1'], 'POST', '/syncs/s1/pause', undefined],
    ['resumeSync', ['s1'], 'POST', '/syncs/s1/resume', undefined],
    ['runSyncNow', ['s1'], 'POST', '/syncs/s1/run', undefined],
    ['approveRun', ['s1', 12], 'POST', '/syncs/s1/runs/12/approve', undefined],
    [
      'updateSync',
      ['s1', { mode: 'additive', schedule: { type: 'hourly' } }],
      'PATCH',
      '/syncs/s1',
      { mode: 'additive', schedule: { type: 'hourly' } },
    ],
    [
      'createSync',
      [
        {
          audienceId: 'a',
          destinationId: 'd',
          object: { id: 'o' },
          identifier: { entityKey: 'email', field: 'EMAIL' },
          schedule: { type: 'manual' },
        },
      ],
      'POST',
      '/syncs',
      {
        audienceId: 'a',
        destinationId: 'd',
        object: { id: 'o' },
        identifier: { entityKey: 'email', field: 'EMAIL' },
        schedule: { type: 'manual' },
      },
    ],
    [
      'dryRunCreateSync',
      [
        {
          audienceId: 'a',
          destinationId: 'd',
          object: { create: { name: 'New list' } },
          identifier: { entityKey: 'email', field: 'EMAIL' },
          schedule: { type: 'daily' },
        },
      ],
      'POST',
      '/syncs?dryRun=true',
      {
        audienceId: 'a',
        destinationId: 'd',
        object: { create: { name: 'New list' } },
        identifier: { entityKey: 'email', field: 'EMAIL' },
        schedule: { type: 'daily' },
      },
    ],
    [
      'createDestinationObject',
      ['fb', 'Lookalikes'],
      'POST',
      '/destinations/fb/objects',
      { name: 'Lookalikes' },
    ],
  ])('%s sends its request', async (method, args, verb, path, body) => {
    const { client, call } = setup(json({ done: true }));
    await expect((client as any)[method](...args)).resolves.toEqual({
      done: true,
    });
    expect(call()).toEqual({
      url: `${BASE}${path}`,
      method: verb,
      body,
      contentType: body ? 'application/json' : undefined,
    });
  });

  it("asks for a member's timeline with the search as q, encoding the audience id", async () => {
    const body = {
      audienceId: 'vip/eu',
      query: 'a+b@x.com',
      evaluationId: 3,
      syncs: [],
    };
    const { client, call } = setup(json(body));

    await expect(
      client.getMemberTimeline('vip/eu', 'a+b@x.com'),
    ).resolves.toEqual(body);
    expect(call()).toEqual({
      url: `${BASE}/audiences/vip%2Feu/members/timeline?q=a%2Bb%40x.com`,
      method: 'GET',
      body: undefined,
      contentType: undefined,
    });
  });

  it('deletes a sync and resolves on 204', async () => {
    const { client, call } = setup(() => new Response(null, { status: 204 }));
    await expect(client.deleteSync('s1')).resolves.toBeUndefined();
    expect(call()).toMatchObject({ url: `${BASE}/syncs/s1`, method: 'DELETE' });
  });

  it("rejects with a ResponseError that carries the server's message and problems", async () => {
    const problems = [
      {
        field: 'schedule.cron',
        code: 'cron_required',
        message: 'is required when the schedule type is cron',
      },
    ];
    const { client } = setup(
      json(
        {
          error: {
            name: 'InputError',
            message:
              'schedule.cron: is required when the schedule type is cron',
          },
          request: { method: 'PATCH', url: '/syncs/s1' },
          response: { statusCode: 400 },
          problems,
        },
        400,
      ),
    );
    const error = await client
      .updateSync('s1', { schedule: { type: 'cron' } })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error).toEqual({
      name: 'InputError',
      message: 'schedule.cron: is required when the schedule type is cron',
    });
    expect(syncProblemsOf(error)).toEqual(problems);
  });
});
