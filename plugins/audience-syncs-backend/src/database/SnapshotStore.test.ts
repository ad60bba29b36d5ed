import { TestDatabases } from '@backstage/backend-test-utils';
import {
  AudienceMember,
  sha256Hex,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import { SnapshotStore } from './SnapshotStore';
import { migrationsDir } from './migrateDatabase';

jest.setTimeout(60_000);

const members = (keys: string[]): AudienceMember[] =>
  keys.map(k => ({
    memberKey: k,
    keys: { email: `${k}@example.com`, user_id: k },
    fields: { plan_type: 'pro' },
  }));

describe.each(
  TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] }).eachSupportedId(),
)('SnapshotStore on %s', databaseId => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  let knex: Knex;
  let store: SnapshotStore;

  const snapshotKeys = async (audienceId: string) => {
    const { current } = await store.getState(audienceId);
    const keys: string[] = [];
    if (!current) return keys;
    for await (const range of store.keyRanges(current.id, 1000)) {
      const found = await store.getMembersInRange(current.id, range);
      keys.push(...found.map(m => m.member.memberKey));
    }
    return keys;
  };

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    store = SnapshotStore.create({ knex });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('switches to a new snapshot only when its evaluation completes', async () => {
    const first = await store.startEvaluation('vip');
    await store.writeMembers(first, members(['a', 'b']));
    expect(await snapshotKeys('vip')).toEqual([]);
    await store.completeEvaluation(first, 2, []);
    expect(await snapshotKeys('vip')).toEqual(['a', 'b']);

    const second = await store.startEvaluation('vip');
    await store.writeMembers(second, members(['b', 'c', 'd']));
    // Readers still see the complete previous snapshot while the next one is written.
    expect(await snapshotKeys('vip')).toEqual(['a', 'b']);
    await store.completeEvaluation(second, 3, []);
    expect(await snapshotKeys('vip')).toEqual(['b', 'c', 'd']);

    const state = await store.getState('vip');
    expect(state.current).toMatchObject({
      id: second,
      status: 'succeeded',
      memberCount: 3,
    });
    expect(state.latest).toEqual(state.current);
  });

  it('stores keys, fields and a hash that changes with either', async () => {
    const id = await store.startEvaluation('hashes');
    await store.writeMembers(id, [
      {
        memberKey: 'a',
        keys: { email: 'a@x.io', phone: '+1', device_id: 'd' },
        fields: { v: 1 },
      },
      { memberKey: 'b', keys: { email: 'b@x.io' }, fields: { v: 1 } },
      { memberKey: 'c', keys: { email: 'b@x.io' }, fields: { v: 2 } },
      { memberKey: 'd', keys: { email: 'b@x.io' }, fields: { v: 1 } },
    ]);
    const rows = await store.getMembers(id, ['a', 'b', 'c', 'd']);
    expect(rows[0].member).toEqual({
      memberKey: 'a',
      keys: { email: 'a@x.io', phone: '+1', device_id: 'd', user_id: null },
      fields: { v: 1 },
    });
    const [a, b, c, d] = rows.map(r => r.memberHash);
    expect(new Set([a, b, c]).size).toBe(3); // another email, other fields
    expect(d).toBe(b); // same keys and fields

    await store.completeEvaluation(id, 4, []);
  });

  it('writes thousands of members at once, any text intact, and the same hash as one at a time', async () => {
    const awkward: AudienceMember = {
      memberKey: 'k,{"x"}\\ é',
      keys: { email: 'o\'brien+"tag"@x.io', phone: null, user_id: 'NULL' },
      fields: { note: 'a,b {c} "d" \\e', n: null, list: [1, 'two'] },
    };
    const many = members(
      Array.from({ length: 6000 }, (_, i) => `m${String(i).padStart(5, '0')}`),
    );
    const id = await store.startEvaluation('bulk');
    await store.writeMembers(id, [awkward, ...many]);
    const alone = await store.startEvaluation('alone');
    await store.writeMembers(alone, [awkward]);

    expect(await store.countMembers(id)).toBe(6001);
    const [stored] = await store.getMembers(id, [awkward.memberKey]);
    expect(stored.member).toEqual({
      ...awkward,
      keys: { ...awkward.keys, device_id: null },
    });
    const [single] = await store.getMembers(alone, [awkward.memberKey]);
    expect(stored.memberHash).toBe(single.memberHash);
    await store.completeEvaluation(id, 6001, []);
    await store.completeEvaluation(alone, 1, []);
  });

  it('hashes members exactly as snapshots written before did, and keeps nulls, unicode and escapes', async () => {
    const odd: AudienceMember[] = [
      {
        memberKey: 'ü-ß-日本-😀',
        keys: { email: 'zoë@例え.jp', phone: null, user_id: '\\N' },
        fields: {
          nested: { a: [null, { b: 'c"d' }], e: '' },
          tab: 'a\tb\nc\r\\d\'e"',
          n: null,
          zero: 0,
          negative: -1.5e-7,
          flag: false,
          emoji: '👩‍👩‍👧',
        },
      },
      {
        memberKey: 'null',
        keys: { email: null, phone: 'NULL', user_id: null, device_id: '' },
        fields: {},
      },
      {
        memberKey: '"quoted" \\ {braces} (parens), commas',
        keys: { device_id: '{"json":"in a key"}' },
        fields: { list: ['x', 1, true, null], control: '\u0001\u001f' },
      },
    ];
    // 2·100 + 3 rows: whole SQLite statements and a remainder.
    const filler = members(
      Array.from({ length: 200 }, (_, i) => `f${String(i).padStart(3, '0')}`),
    );
    const id = await store.startEvaluation('odd');
    await store.writeMembers(id, [...odd, ...filler]);

    expect(await store.countMembers(id)).toBe(203);
    const stored = await store.getMembers(
      id,
      odd.map(m => m.memberKey),
    );
    const byKey = new Map(stored.map(s => [s.member.memberKey, s]));
    for (const member of odd) {
      const found = byKey.get(member.memberKey)!;
      expect(found.member).toEqual({
        memberKey: member.memberKey,
        keys: {
          email: member.keys.email ?? null,
          phone: member.keys.phone ?? null,
          user_id: member.keys.user_id ?? null,
          device_id: member.keys.device_id ?? null,
        },
        fields: member.fields,
      });
      // The formula of every snapshot so far: ledgers compare against it.
      expect(found.memberHash).toBe(
        sha256Hex(JSON.stringify([member.keys, member.fields])),
      );
    }
    const [first] = await store.getMembers(id, [filler[0].memberKey]);
    expect(first.memberHash).toBe(
      sha256Hex(JSON.stringify([filler[0].keys, filler[0].fields])),
    );
    await store.completeEvaluation(id, 203, []);
  });

  it('keeps one previous snapshot for runs in flight and drops older ones', async () => {
    const ids: number[] = [];
    for (const keys of [['a'], ['b'], ['c']]) {
      const id = await store.startEvaluation('generations');
      await store.writeMembers(id, members(keys));
      await store.completeEvaluation(id, keys.length, []);
      ids.push(id);
    }
    const counts = await Promise.all(ids.map(id => store.countMembers(id)));
    expect(counts).toEqual([0, 1, 1]);
  });

  it('keeps the snapshots named in use, however old', async () => {
    const ids: number[] = [];
    for (const keys of [['a'], ['b'], ['c'], ['d']]) {
      const id = await store.startEvaluation('pinned');
      await store.writeMembers(id, members(keys));
      // The first snapshot is read by a running run throughout.
      await store.completeEvaluation(id, keys.length, ids.slice(0, 1));
      ids.push(id);
    }
    const counts = await Promise.all(ids.map(id => store.countMembers(id)));
    expect(counts).toEqual([1, 0, 1, 1]);
  });

  it('records a failure and keeps the current snapshot', async () => {
    const good = await store.startEvaluation('flaky');
    await store.writeMembers(good, members(['a']));
    await store.completeEvaluation(good, 1, []);
    const bad = await store.startEvaluation('flaky');
    await store.writeMembers(bad, members(['x', 'y']));
    await store.failEvaluation(bad, 'warehouse timeout');

    expect(await snapshotKeys('flaky')).toEqual(['a']);
    const state = await store.getState('flaky');
    expect(state.current?.id).toBe(good);
    expect(state.latest).toMatchObject({
      id: bad,
      status: 'failed',
      error: 'warehouse timeout',
    });
    expect(await store.countMembers(bad)).toBe(0);
  });

  /** Makes the evaluation's last heartbeat `minutes` old, as if its instance had stopped then. */
  const stopHeartbeat = (evaluationId: number, minutes: number) =>
    knex('audience_evaluations')
      .where({ id: evaluationId })
      .update({
        heartbeat_at: new Date(Date.now() - minutes * 60_000).toISOString(),
      });

  it('marks evaluations whose instance stopped as failed, and only those', async () => {
    const stopped = await store.startEvaluation('interrupted');
    await store.writeMembers(stopped, members(['a']));
    await stopHeartbeat(stopped, 10);
    const live = await store.startEvaluation('interrupted-live');
    await store.writeMembers(live, members(['b']));
    // Its heartbeat is older than the task lock of the scheduler ever was, but it was renewed since.
    await stopHeartbeat(live, 180);
    expect(await store.renewEvaluation(live)).toBe(true);

    expect(await store.failInterruptedEvaluations(5 * 60_000)).toBe(1);
    expect((await store.getState('interrupted')).latest).toMatchObject({
      status: 'failed',
      error: 'Interrupted: the instance evaluating it stopped',
    });
    expect(await store.countMembers(stopped)).toBe(0);
    expect(await store.renewEvaluation(stopped)).toBe(false);
    expect((await store.getState('interrupted-live')).latest).toMatchObject({
      status: 'running',
    });
    expect(await store.countMembers(live)).toBe(1);
    expect(await store.failInterruptedEvaluations(5 * 60_000)).toBe(0);
  });

  it('refuses to complete an evaluation that was failed meanwhile, and keeps the current snapshot', async () => {
    const good = await store.startEvaluation('fenced');
    await store.writeMembers(good, members(['a', 'b']));
    await store.completeEvaluation(good, 2, []);
    const slow = await store.startEvaluation('fenced');
    await store.writeMembers(slow, members(['a']));
    await stopHeartbeat(slow, 10);
    expect(await store.failInterruptedEvaluations(5 * 60_000)).toBe(1);
    // Its instance was only slow: it writes the rest and tries to complete.
    await store.writeMembers(slow, members(['c']));

    await expect(store.completeEvaluation(slow, 2, [])).rejects.toThrow(
      `Evaluation ${slow} is no longer running (failed: Interrupted: the instance evaluating it stopped); its members are not used`,
    );
    expect(await snapshotKeys('fenced')).toEqual(['a', 'b']);
    expect((await store.getState('fenced')).current?.id).toBe(good);
    await store.failEvaluation(slow, 'too late');
    expect((await store.getState('fenced')).latest).toMatchObject({
      id: slow,
      status: 'failed',
      error: 'Interrupted: the instance evaluating it stopped',
    });
    expect(await store.countMembers(slow)).toBe(0);
    expect(await store.countMembers(good)).toBe(2);
  });

  it('reads members by key and by key range, in key order', async () => {
    const id = await store.startEvaluation('reads');
    await store.writeMembers(id, members(['d', 'b', 'a', 'c', 'e']));
    const keysOf = (found: Array<{ member: { memberKey: string } }>) =>
      found.map(m => m.member.memberKey);
    expect(keysOf(await store.getMembers(id, ['e', 'a', 'zz']))).toEqual([
      'a',
      'e',
    ]);
    expect(
      keysOf(await store.getMembersInRange(id, { after: 'a', last: 'c' })),
    ).toEqual(['b', 'c']);
    const ranges = [];
    for await (const range of store.keyRanges(id, 2)) ranges.push(range);
    expect(ranges).toEqual([
      { after: '', last: 'b' },
      { after: 'b', last: 'd' },
      { after: 'd', last: 'e' },
    ]);
    expect(await store.countMembers(id)).toBe(5);
    await store.failEvaluation(id, 'done reading');
  });

  it('lists every evaluation attempt, oldest first', async () => {
    const all = await store.listEvaluations();
    expect(all.map(e => e.id)).toEqual(
      [...all.map(e => e.id)].sort((x, y) => x - y),
    );
    expect(
      all.filter(e => e.audienceId === 'flaky').map(e => e.status),
    ).toEqual(['succeeded', 'failed']);
  });

  it('answers the states of several audiences, and nothing for unknown ones', async () => {
    const states = await store.getStates(['vip', 'flaky', 'never']);
    expect([...states.keys()].sort()).toEqual(['flaky', 'vip']);
    expect(await store.getState('never')).toEqual({
      current: null,
      latest: null,
    });
  });
});
