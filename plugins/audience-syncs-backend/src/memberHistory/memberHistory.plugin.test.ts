import request from 'supertest';
import { startAudienceSyncsTestBackend } from '../__testUtils__/startAudienceSyncsTestBackend';

jest.setTimeout(60_000);

const api = '/api/audience-syncs';
const PRUNE_TASK = 'audience-syncs:member-history-prune';
const DISPATCH_TASK = 'audience-syncs:dispatch';

type Backend = Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;

/** Creates a sync of the loyal customers to the CRM and runs it to its end. */
async function syncOnce(backend: Backend): Promise<string> {
  const created = await request(backend.server)
    .post(`${api}/syncs`)
    .send({
      audienceId: 'loyal-customers',
      destinationId: 'crm',
      object: { id: 'camp-1' },
      identifier: { entityKey: 'email', field: 'Email' },
      schedule: { type: 'manual' },
      runNow: true,
    });
  expect(created.status).toBe(201);
  await backend.tasks.get(DISPATCH_TASK)!();
  const settled = await request(backend.server).get(
    `${api}/syncs/${created.body.sync.id}/runs/${created.body.run.id}?wait=20`,
  );
  expect(settled.body.status).toBe('succeeded');
  return created.body.sync.id;
}

const historyRows = async (backend: Backend) =>
  Number((await backend.knex('sync_member_history').count({ n: '*' }))[0].n);

describe('the member history in the plugin', () => {
  it('is recorded by default and pruned past its retention by the scheduled task', async () => {
    const backend = await startAudienceSyncsTestBackend({
      config: { memberHistory: { retentionDays: 7 } },
    });
    try {
      const syncId = await syncOnce(backend);
      expect(await historyRows(backend)).toBe(3);
      // Steps older than a week.
      await backend.knex('sync_member_history').insert(
        [1, 2].map(n => ({
          sync_id: syncId,
          member_key: `old${n}`,
          run_id: 1,
          at: new Date(Date.now() - 8 * 24 * 3_600_000).toISOString(),
          operation: 'add',
          identifier: `old${n}@example.com`,
        })),
      );
      expect(await historyRows(backend)).toBe(5);

      await backend.tasks.get(PRUNE_TASK)!();

      const left = await backend
        .knex('sync_member_history')
        .orderBy('member_key')
        .pluck('member_key');
      expect(left).toEqual(['u1', 'u2', 'u3']);
    } finally {
      await backend.stop();
    }
  });

  it('is not recorded when turned off, while the sync still runs', async () => {
    const backend = await startAudienceSyncsTestBackend({
      config: { memberHistory: { enabled: false } },
    });
    try {
      await syncOnce(backend);
      expect(backend.crm.members.get('crm')?.get('camp-1')?.size).toBe(3);
      expect(await historyRows(backend)).toBe(0);
    } finally {
      await backend.stop();
    }
  });
});
