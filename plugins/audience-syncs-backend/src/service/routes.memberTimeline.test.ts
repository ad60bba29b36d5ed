import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { startAudienceSyncsTestBackend } from '../__testUtils__/startAudienceSyncsTestBackend';

jest.setTimeout(60_000);

const api = '/api/audience-syncs';
const timeline = (audienceId: string) =>
  `${api}/audiences/${audienceId}/members/timeline`;

describe('GET /audiences/:audienceId/members/timeline', () => {
  let backend: Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;
  let syncId: string;
  let runId: number;

  beforeAll(async () => {
    backend = await startAudienceSyncsTestBackend();
    const created = await request(backend.server)
      .post(`${api}/syncs`)
      .send({
        audienceId: 'loyal-customers',
        destinationId: 'crm',
        object: { id: 'camp-1' },
        identifier: { entityKey: 'email', field: 'Email' },
        schedule: { type: 'manual' },
      });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    syncId = created.body.sync.id;
    const queued = await request(backend.server).post(
      `${api}/syncs/${syncId}/run`,
    );
    if (queued.status !== 202) throw new Error(JSON.stringify(queued.body));
    runId = queued.body.id;
    await backend.tasks.get('audience-syncs:dispatch')!();
    const settled = await request(backend.server).get(
      `${api}/syncs/${syncId}/runs/${runId}?wait=20`,
    );
    if (settled.body.status !== 'succeeded') {
      throw new Error(`The run ended ${settled.body.status}`);
    }
  });
  afterAll(() => backend.stop());

  afterEach(() => {
    backend.permission.decision = AuthorizeResult.ALLOW;
  });

  it('shows what the run did to a member found by email', async () => {
    const res = await request(backend.server)
      .get(timeline('loyal-customers'))
      .query({ q: 'user2@example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      audienceId: 'loyal-customers',
      query: 'user2@example.com',
      syncs: [
        {
          syncId,
          memberKeys: ['u2'],
          inSnapshot: true,
          ledger: [{ memberKey: 'u2', identifier: 'user2@example.com' }],
          history: [
            {
              memberKey: 'u2',
              runId,
              operation: 'add',
              identifier: 'user2@example.com',
            },
          ],
        },
      ],
    });
  });

  it.each([
    ['no q', {}],
    ['an empty q', { q: '  ' }],
    ['a q too long', { q: 'x'.repeat(300) }],
  ])('refuses %s with a 400 naming q', async (_, query) => {
    const res = await request(backend.server)
      .get(timeline('loyal-customers'))
      .query(query);
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ field: 'q' }),
    ]);
  });

  it('refuses an unknown query parameter with a 400 naming it', async () => {
    const res = await request(backend.server)
      .get(timeline('loyal-customers'))
      .query({ q: 'u1', email: 'x' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.problems)).toContain('email');
  });

  it('answers 404 for an unknown audience', async () => {
    const res = await request(backend.server)
      .get(timeline('no-such-audience'))
      .query({ q: 'u1' });
    expect(res.status).toBe(404);
  });

  it('refuses a caller without the read permission with a 403', async () => {
    backend.permission.decision = AuthorizeResult.DENY;
    const res = await request(backend.server)
      .get(timeline('loyal-customers'))
      .query({ q: 'u1' });
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
  });
});
