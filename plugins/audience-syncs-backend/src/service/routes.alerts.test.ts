import request from 'supertest';
import { startAudienceSyncsTestBackend } from '../__testUtils__/startAudienceSyncsTestBackend';

jest.setTimeout(60_000);

const api = '/api/audience-syncs';
const validSync = {
  audienceId: 'loyal-customers',
  destinationId: 'ads',
  object: { id: 'aud-1' },
  identifier: { entityKey: 'email', field: 'EMAIL' },
  schedule: { type: 'daily' },
};

describe("a sync's own alert thresholds through the API", () => {
  let backend: Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;

  beforeAll(async () => {
    backend = await startAudienceSyncsTestBackend();
  });
  afterAll(() => backend.stop());

  it('are kept on create, replaced by an edit whose activity says what changed, and absent by default', async () => {
    const plain = await request(backend.server)
      .post(`${api}/syncs`)
      .send(validSync);
    expect(plain.status).toBe(201);
    expect(plain.body.sync.alerts).toBeUndefined();

    const created = await request(backend.server)
      .post(`${api}/syncs`)
      .send({ ...validSync, alerts: { invalidShare: 0.1 } });
    expect(created.status).toBe(201);
    const id = created.body.sync.id;
    expect(created.body.sync.alerts).toEqual({ invalidShare: 0.1 });

    const edited = await request(backend.server)
      .patch(`${api}/syncs/${id}`)
      .send({ alerts: { rowCountSwing: 0.25 } });
    expect(edited.status).toBe(200);
    expect(edited.body.sync.alerts).toEqual({ rowCountSwing: 0.25 });
    const read = await request(backend.server).get(`${api}/syncs/${id}`);
    expect(read.body.alerts).toEqual({ rowCountSwing: 0.25 });

    const activity = await request(backend.server).get(
      `${api}/syncs/${id}/activity`,
    );
    expect(activity.body.items[0]).toMatchObject({
      action: 'edited',
      changes: [
        {
          field: 'alerts',
          from: { invalidShare: 0.1 },
          to: { rowCountSwing: 0.25 },
        },
      ],
    });

    const cleared = await request(backend.server)
      .patch(`${api}/syncs/${id}`)
      .send({ alerts: {} });
    expect(cleared.status).toBe(200);
    expect(cleared.body.sync.alerts).toBeUndefined();
  });

  it.each([
    ['alerts.invalidShare', { invalidShare: 0 }],
    ['alerts.rowCountSwing', { rowCountSwing: 1.5 }],
    ['alerts.invalidShare', { invalidShare: '5%' }],
    ['alerts.slowRuns', { slowRuns: 0.5 }],
  ])('refuse a bad value with a 400 naming %s', async (field, alerts) => {
    const created = await request(backend.server)
      .post(`${api}/syncs`)
      .send({ ...validSync, alerts });
    expect(created.status).toBe(400);
    expect(created.body.problems).toEqual([expect.objectContaining({ field })]);
  });
});
