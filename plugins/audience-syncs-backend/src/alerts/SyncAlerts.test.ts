import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import request from 'supertest';
import {
  member,
  startAudienceSyncsTestBackend,
} from '../__testUtils__/startAudienceSyncsTestBackend';

jest.setTimeout(60_000);

const api = '/api/audience-syncs';
type Backend = Awaited<ReturnType<typeof startAudienceSyncsTestBackend>>;

const crmSync = {
  audienceId: 'loyal-customers',
  destinationId: 'crm',
  object: { id: 'camp-1' },
  identifier: { entityKey: 'email', field: 'Email' },
  fieldMappings: [
    {
      source: { kind: 'attribute', name: 'plan_type' },
      destinationField: 'Plan__c',
    },
  ],
  schedule: { type: 'manual' },
  owner: 'group:default/crm-team',
};

const FINAL = ['succeeded', 'partial', 'failed', 'held', 'cancelled'];

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  for (let i = 0; i < 400; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('Timed out waiting');
}

describe('owner notifications', () => {
  let backend: Backend;
  let sent: NotificationSendOptions[];

  const start = async (config: Record<string, unknown> = {}) => {
    sent = [];
    backend = await startAudienceSyncsTestBackend({
      config,
      features: [
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (notification: NotificationSendOptions) => {
              sent.push(notification);
            },
          }),
        }),
      ],
    });
  };

  afterEach(() => backend.stop());

  const task = (id: string) => backend.tasks.get(`audience-syncs:${id}`)!();

  const createSync = async (body: object = {}) => {
    const res = await request(backend.server)
      .post(`${api}/syncs`)
      .send({ ...crmSync, ...body });
    expect(res.status).toBe(201);
    return res.body.sync.id as string;
  };

  const latestRun = async (syncId: string) =>
    (await request(backend.server).get(`${api}/syncs/${syncId}/runs`)).body
      .items[0];

  /** Lets the dispatcher execute what is queued; returns the run once it ended and its alerts were evaluated. */
  const dispatch = async (syncId: string) => {
    await task('dispatch');
    const run = await until(
      () => latestRun(syncId),
      r => FINAL.includes(r?.status),
    );
    // Alerts are evaluated right after the run ends, in the same execution.
    await new Promise(r => setTimeout(r, 300));
    return run;
  };

  const runNow = async (syncId: string) => {
    const res = await request(backend.server).post(
      `${api}/syncs/${syncId}/run`,
    );
    expect(res.status).toBe(202);
    return dispatch(syncId);
  };

  /** The loyal-customers audience evaluates to `members` from now on. */
  const reevaluate = async (members: AudienceMember[]) => {
    const definition = (await backend.source.listAudiences()).find(
      a => a.id === 'loyal-customers',
    )!;
    backend.source.set(definition, members);
    // Its last evaluation is made old enough for its daily schedule to be due.
    await backend
      .knex('audience_evaluations')
      .where({ audience_id: 'loyal-customers' })
      .update({
        started_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      });
    await task('evaluate-audiences');
  };

  const titles = () => sent.map(n => n.payload.title);

  it('tells the owners once when runs fail, not again while they do, and once when the sync recovers', async () => {
    await start();
    const syncId = await createSync();
    expect((await runNow(syncId)).status).toBe('succeeded');
    expect(sent).toEqual([]);

    backend.crm.fieldsUnavailable = true;
    expect((await runNow(syncId)).status).toBe('failed');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/crm-team', 'group:default/marketing'],
      },
      payload: expect.objectContaining({
        title: expect.stringMatching(/run failed/),
        link: `/audience-syncs/${syncId}`,
        severity: 'high',
        topic: expect.stringContaining('Loyal Customers'),
        scope: `audience-syncs:${syncId}:run-failed`,
      }),
    });
    expect(sent[0].payload.description).toMatch(
      /Could not read the fields of Q1 Retention Campaign.*errored until a run succeeds/,
    );

    expect((await runNow(syncId)).status).toBe('failed');
    expect(sent).toHaveLength(1);

    // A verification sends nothing: it neither recovers the sync nor alerts.
    const verify = await request(backend.server).post(
      `${api}/syncs/${syncId}/verify`,
    );
    expect(verify.status).toBe(202);
    expect(await dispatch(syncId)).toMatchObject({
      kind: 'verify',
      status: 'succeeded',
    });
    expect(sent).toHaveLength(1);
    const errored = await request(backend.server).get(`${api}/syncs/${syncId}`);
    expect(errored.body.status).toBe('errored');

    backend.crm.fieldsUnavailable = false;
    expect((await runNow(syncId)).status).toBe('succeeded');
    expect(sent).toHaveLength(2);
    expect(sent[1].payload).toMatchObject({
      title: expect.stringMatching(/recovered/),
      severity: 'low',
      scope: `audience-syncs:${syncId}:run-failed`,
    });
    expect((await runNow(syncId)).status).toBe('succeeded');
    expect(sent).toHaveLength(2);
  });

  it('tells them of a run held by the removal guard, and of the audience size swing once it is approved', async () => {
    await start();
    // The audience's owner owns the sync too: one recipient.
    const syncId = await createSync({
      owner: 'group:default/marketing',
      removalGuard: { maxShare: 0.2, minRemovals: 0 },
    });
    await runNow(syncId);
    expect(sent).toEqual([]);

    await reevaluate([member(1)]);
    const held = await runNow(syncId);
    expect(held.status).toBe('held');
    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/marketing'],
    });
    expect(sent[0].payload).toMatchObject({
      title: expect.stringMatching(/held for approval/),
      severity: 'normal',
    });

    const approved = await request(backend.server).post(
      `${api}/syncs/${syncId}/runs/${held.id}/approve`,
    );
    expect(approved.status).toBe(200);
    expect((await dispatch(syncId)).status).toBe('succeeded');
    expect(titles().slice(1).sort()).toEqual([
      expect.stringMatching(/audience size down 66\.7%/),
      expect.stringMatching(/no run held any more/),
    ]);

    // The same size again: the swing clears.
    await runNow(syncId);
    expect(titles()).toHaveLength(4);
    expect(titles()[3]).toMatch(/audience size steady again/);
  });

  it('alerts on invalid members above the operator default, and a sync may set its own share', async () => {
    await start({ alerts: { invalidShare: 0.1 } });
    const twenty = Array.from({ length: 20 }, (_, i) => member(i + 1));
    await reevaluate(twenty);
    const strict = await createSync();
    const lenient = await createSync({
      name: 'Lenient',
      alerts: { invalidShare: 0.5 },
    });
    await runNow(strict);
    await runNow(lenient);
    expect(sent).toEqual([]);

    // Three of twenty members (15%) have no email.
    await reevaluate(
      twenty.map((m, i) =>
        i < 3 ? { ...m, keys: { user_id: m.memberKey } } : m,
      ),
    );
    expect((await runNow(strict)).invalid).toBe(3);
    expect((await runNow(lenient)).invalid).toBe(3);
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toMatchObject({
      title: expect.stringMatching(/15% of members invalid/),
      scope: `audience-syncs:${strict}:invalid-share`,
    });
    expect((await runNow(strict)).invalid).toBe(3);
    expect(sent).toHaveLength(1);

    await reevaluate(twenty);
    await runNow(strict);
    expect(sent).toHaveLength(2);
    expect(sent[1].payload.title).toMatch(/invalid members back under 10%/);
  });

  it('notices a scheduled run that does not start while the dispatcher is stopped, and when runs start again', async () => {
    await start({ alerts: { missedRunGrace: '1s' } });
    const syncId = await createSync({ schedule: { type: 'hourly' } });
    await task('missed-run-watchdog');
    expect(sent).toEqual([]);

    // The due time passes with no dispatcher running.
    await backend
      .knex('syncs')
      .where({ id: syncId })
      .update({ next_run_at: new Date(Date.now() - 5000).toISOString() });
    await task('missed-run-watchdog');
    await task('missed-run-watchdog');
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toMatchObject({
      title: expect.stringMatching(/scheduled run missed/),
      severity: 'high',
      link: `/audience-syncs/${syncId}`,
      scope: `audience-syncs:${syncId}:missed-run`,
    });

    // The dispatcher runs again: the due run is queued and executed.
    expect((await dispatch(syncId)).status).toBe('succeeded');
    await task('missed-run-watchdog');
    expect(sent).toHaveLength(2);
    expect(sent[1].payload).toMatchObject({
      title: expect.stringMatching(/runs again/),
      severity: 'low',
    });
  });
});
