import { SyncMode } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  createEngineHarness,
  inMemoryKnex,
  DESTINATION,
  EngineHarness,
  member,
  OBJECT,
} from '../__testUtils__/createEngineHarness';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';

/** A step: the audience's members (by number, with optional field values and emails), then a run. */
type Step = Array<number | { n: number; plan?: string; email?: string }>;

const email = (n: number) => `user${n}@example.com`;
const members = (step: Step) =>
  step.map(s =>
    typeof s === 'number'
      ? member(s)
      : member(s.n, s.plan ? { plan: s.plan } : {}, s.email),
  );

/** Who is in the destination list before the first run (Subtractive shrinks a pre-populated list). */
const PREPOPULATED = [1, 2, 3, 9].map(email);

const scenarios: Array<{
  name: string;
  steps: Step[];
  expected: Record<SyncMode, string[]>;
}> = [
  {
    name: 'first run',
    steps: [[1, 2, 3]],
    expected: {
      mirror: [1, 2, 3].map(email),
      additive: [1, 2, 3].map(email),
      subtractive: PREPOPULATED,
    },
  },
  {
    name: 'adds only',
    steps: [
      [1, 2, 3],
      [1, 2, 3, 4, 5],
    ],
    expected: {
      mirror: [1, 2, 3, 4, 5].map(email),
      additive: [1, 2, 3, 4, 5].map(email),
      subtractive: PREPOPULATED,
    },
  },
  {
    name: 'removes only',
    steps: [[1, 2, 3], [1]],
    expected: {
      mirror: [email(1)],
      additive: [1, 2, 3].map(email),
      subtractive: [1, 9].map(email),
    },
  },
  {
    name: 'adds and removes',
    steps: [
      [1, 2, 3],
      [2, 3, 4, 5],
    ],
    expected: {
      mirror: [2, 3, 4, 5].map(email),
      additive: [1, 2, 3, 4, 5].map(email),
      subtractive: [2, 3, 9].map(email),
    },
  },
  {
    name: 'a field change',
    steps: [
      [1, 2, 3],
      [1, { n: 2, plan: 'pro' }, 3],
    ],
    expected: {
      mirror: [1, 2, 3].map(email),
      additive: [1, 2, 3].map(email),
      subtractive: PREPOPULATED,
    },
  },
  {
    name: 'an identifier change',
    steps: [
      [1, 2, 3],
      [1, { n: 2, email: 'new2@example.com' }, 3],
    ],
    expected: {
      mirror: [email(1), email(3), 'new2@example.com'],
      additive: [1, 2, 3].map(email).concat('new2@example.com'),
      subtractive: PREPOPULATED,
    },
  },
  {
    name: 'a rejoin',
    steps: [
      [1, 2, 3],
      [1, 3],
      [1, 2, 3],
    ],
    expected: {
      mirror: [1, 2, 3].map(email),
      additive: [1, 2, 3].map(email),
      subtractive: [1, 3, 9].map(email),
    },
  },
];

const cases = scenarios.flatMap(s =>
  (['mirror', 'additive', 'subtractive'] as SyncMode[]).map(mode => ({
    ...s,
    mode,
  })),
);

describe('sync modes', () => {
  let engine: EngineHarness;

  beforeEach(async () => {
    engine = await createEngineHarness({
      knex: inMemoryKnex(),
    });
  });

  afterEach(async () => {
    await engine.knex.destroy();
  });

  it.each(cases)(
    '$mode: $name leaves the destination exactly as the mode says',
    async ({ mode, steps, expected }) => {
      const connector = engine.connector as InMemoryDestinationConnector;
      const list = connector.members.get(DESTINATION)!.get(OBJECT.id)!;
      if (mode === 'subtractive') {
        for (const identifier of PREPOPULATED) list.set(identifier, {});
      }
      const sync = await engine.createSync({
        mode,
        fieldMappings: [
          {
            source: { kind: 'attribute', name: 'plan' },
            destinationField: 'Plan',
          },
        ],
      });

      for (const step of steps) {
        await engine.evaluate(members(step));
        const run = await engine.run(sync.id);
        expect(run).toMatchObject({
          status: 'succeeded',
          failed: 0,
          invalid: 0,
        });
      }

      expect(engine.membership()).toEqual([...expected[mode]].sort());
      // A second run on an unchanged audience sends nothing.
      const idle = await engine.run(sync.id);
      expect(idle).toMatchObject({
        sent: 0,
        planned: { adds: 0, removes: 0, updates: 0 },
      });
      expect(engine.membership()).toEqual([...expected[mode]].sort());

      // Field values reach the destination and replace old ones; Subtractive never writes any.
      const present = members(steps[steps.length - 1]).filter(m =>
        list.has(m.keys.email!),
      );
      expect(present.map(m => list.get(m.keys.email!))).toEqual(
        present.map(m =>
          mode === 'subtractive' ? {} : { Plan: m.fields.plan },
        ),
      );
    },
  );

  it('reports the first run as sending the whole membership, later runs only the diff', async () => {
    const sync = await engine.createSync();
    await engine.evaluate([1, 2, 3, 4, 5].map(n => member(n)));
    const first = await engine.run(sync.id);
    expect(first).toMatchObject({
      planned: { adds: 5, removes: 0, updates: 0 },
      sent: 5,
      succeeded: 5,
      evaluationId: expect.any(Number),
    });
    expect(first.durationMs).toBeGreaterThanOrEqual(0);

    await engine.evaluate([2, 3, 4, 5, 6].map(n => member(n)));
    const second = await engine.run(sync.id);
    expect(second).toMatchObject({
      planned: { adds: 1, removes: 1, updates: 0 },
      sent: 2,
      succeeded: 2,
    });
    expect((await engine.syncs.getSync(sync.id))!.lastSyncedAt).toBe(
      second.finishedAt,
    );
  });

  it('counts members it cannot identify as invalid, with the reason, and sends the rest', async () => {
    const sync = await engine.createSync();
    const noEmail = { ...member(2), keys: { user_id: 'u2' } };
    await engine.evaluate([member(1), noEmail, member(3)]);
    const run = await engine.run(sync.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      sent: 2,
      succeeded: 2,
      invalid: 1,
    });
    expect(run.errors).toEqual([
      {
        memberKey: 'u000002',
        operation: 'add',
        code: 'missing_identifier',
        message: 'No identifier',
        retryable: false,
      },
    ]);
    expect(engine.membership()).toEqual([email(1), email(3)]);
  });

  it('starts over in a new object after the object changes, leaving the old one alone', async () => {
    const connector = engine.connector as InMemoryDestinationConnector;
    connector.members.get(DESTINATION)!.set('list-2', new Map());
    const sync = await engine.createSync();
    await engine.evaluate([1, 2].map(n => member(n)));
    await engine.run(sync.id);
    // What SyncService does when the object changes: the new object starts from an empty ledger.
    await engine.stores.transaction(async tx => {
      await engine.syncs.updateConfiguration(
        sync.id,
        { object: { id: 'list-2', name: 'Other' } },
        { by: 'user:default/test', at: new Date().toISOString() },
        tx,
      );
      await engine.ledgerStore.clear(sync.id, tx);
    });

    const run = await engine.run(sync.id);
    expect(run.planned.adds).toBe(2);
    expect(engine.membership('list-2')).toEqual([email(1), email(2)]);
    expect(engine.membership()).toEqual([email(1), email(2)]);
  });
});
