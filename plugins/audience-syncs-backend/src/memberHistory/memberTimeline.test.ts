import { Knex } from 'knex';
import {
  createEngineHarness,
  inMemoryKnex,
  member,
} from '../__testUtils__/createEngineHarness';
import { MemberTimelineService } from './MemberTimelineService';

describe('a member’s timeline', () => {
  let knex: Knex;
  beforeEach(() => {
    knex = inMemoryKnex();
  });
  afterEach(async () => {
    await knex.destroy();
  });

  it('shows each step of a member who joins, changes email, leaves and rejoins', async () => {
    const harness = await createEngineHarness({ knex });
    const timelines = MemberTimelineService.create({
      stores: harness.stores,
      destinations: harness.destinations,
    });
    const sync = await harness.createSync();
    const others = [member(2), member(3)];

    await harness.evaluate([member(1), ...others]);
    const joined = await harness.run(sync.id);
    await harness.evaluate([member(1, {}, 'new1@example.com'), ...others]);
    const changed = await harness.run(sync.id);
    await harness.evaluate(others);
    const left = await harness.run(sync.id);
    await harness.evaluate([member(1, {}, 'new1@example.com'), ...others]);
    const rejoined = await harness.run(sync.id);
    expect(harness.membership()).toContain('new1@example.com');

    const timeline = await timelines.timeline('buyers', 'u000001');
    const [onSync] = timeline.syncs;
    expect(onSync).toMatchObject({
      syncId: sync.id,
      memberKeys: ['u000001'],
      inSnapshot: true,
      ledger: [{ memberKey: 'u000001', identifier: 'new1@example.com' }],
    });
    expect(
      onSync.history.map(step => [step.runId, step.operation, step.identifier]),
    ).toEqual([
      [joined.id, 'add', 'user1@example.com'],
      [changed.id, 'update', 'new1@example.com'],
      [left.id, 'remove', 'new1@example.com'],
      [rejoined.id, 'add', 'new1@example.com'],
    ]);
    for (const step of onSync.history) {
      expect(Date.parse(step.at)).not.toBeNaN();
    }

    // The old email still finds the member.
    const byOldEmail = await timelines.timeline('buyers', 'user1@example.com');
    expect(byOldEmail.syncs[0].memberKeys).toEqual(['u000001']);
    expect(byOldEmail.syncs[0].history).toHaveLength(4);
    // Nobody matches a stranger.
    const stranger = await timelines.timeline('buyers', 'nobody@example.com');
    expect(stranger.syncs[0]).toMatchObject({
      memberKeys: [],
      inSnapshot: false,
      ledger: [],
      history: [],
    });
  });

  it('shows why a member without an email was never sent', async () => {
    const harness = await createEngineHarness({ knex });
    const timelines = MemberTimelineService.create({
      stores: harness.stores,
      destinations: harness.destinations,
    });
    const sync = await harness.createSync();
    const noEmail = {
      memberKey: 'u000009',
      keys: { email: null, user_id: 'u9' },
      fields: { plan: 'free' },
    };
    await harness.evaluate([member(1), noEmail]);
    await harness.run(sync.id);
    await harness.run(sync.id);

    const [onSync] = (await timelines.timeline('buyers', 'u000009')).syncs;
    expect(onSync.inSnapshot).toBe(true);
    expect(onSync.ledger).toEqual([]);
    expect(onSync.history.length).toBe(2);
    for (const step of onSync.history) {
      expect(step).toMatchObject({
        operation: 'invalid',
        identifier: null,
        code: 'missing_identifier',
        message: 'No identifier',
      });
    }
    expect(onSync.history.some(step => step.operation === 'add')).toBe(false);
  });

  it('writes nothing when the member history is turned off', async () => {
    const harness = await createEngineHarness({
      knex,
      memberHistory: { enabled: false },
    });
    const sync = await harness.createSync();
    await harness.evaluate([member(1), member(2)]);
    const run = await harness.run(sync.id);
    expect(run.status).toBe('succeeded');
    expect(harness.membership()).toHaveLength(2);
    const [{ n }] = await harness.knex('sync_member_history').count({ n: '*' });
    expect(Number(n)).toBe(0);
  });
});
