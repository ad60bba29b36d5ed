import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  BatchRequest,
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
  DestinationError,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  createEngineHarness,
  crmConnector,
  emails,
  member,
  range,
} from '../__testUtils__/createEngineHarness';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { sleep } from './RateLimiter';

/**
 * A destination that answers after a few milliseconds, declares `concurrentBatches`, and records how many
 * requests overlapped and in which order they started and ended.
 */
class OverlapRecorder implements DestinationConnector {
  readonly type: string;
  readonly label: string;
  readonly events: string[] = [];
  /** Each request's operation and place in its sequence, in the order they started. */
  readonly sequences: Array<Pick<BatchRequest, 'operation' | 'sequence'>> = [];
  /** Requests whose answer is a permanent failure, by their position (1-based). */
  readonly refuseRequests = new Set<number>();
  active = 0;
  maxActive = 0;
  #requests = 0;

  constructor(
    readonly inner: InMemoryDestinationConnector,
    readonly concurrentBatches: number,
  ) {
    this.type = inner.type;
    this.label = inner.label;
  }

  async connect(destination: DestinationConfig): Promise<DestinationClient> {
    const client = await this.inner.connect(destination);
    return {
      ...client,
      capabilities: {
        ...client.capabilities,
        concurrentBatches: this.concurrentBatches,
      },
      listObjects: () => client.listObjects(),
      prepare: (m, target) => client.prepare(m, target),
      applyBatch: async (request: BatchRequest) => {
        const position = ++this.#requests;
        this.sequences.push({
          operation: request.operation,
          sequence: request.sequence,
        });
        const label = `${request.operation} ${request.rows
          .map(r => r.identifier)
          .join(',')}`;
        this.active += 1;
        this.maxActive = Math.max(this.maxActive, this.active);
        this.events.push(`start ${label}`);
        try {
          // Later requests answer sooner, so acknowledgements arrive out of order.
          await sleep(2 + ((position * 3) % 5) * 3);
          if (this.refuseRequests.has(position)) {
            this.events.push(`refused ${position}`);
            throw new DestinationError({
              message: 'Invalid access token',
              code: 'unauthorized',
              retryable: false,
            });
          }
          return await client.applyBatch(request);
        } finally {
          this.active -= 1;
          this.events.push(`end ${label}`);
        }
      },
    };
  }
}

describe('SyncExecutor with several batches in flight', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function harness(databaseId: TestDatabaseId) {
    const recorder = new OverlapRecorder(crmConnector(10), 3);
    const engine = await createEngineHarness({
      knex: await databases.init(databaseId),
      connector: recorder,
    });
    return { engine, recorder };
  }

  it.each(databases.eachSupportedId())(
    'keeps up to the declared number of batches in flight and commits every one, %p',
    async databaseId => {
      const { engine, recorder } = await harness(databaseId);
      const sync = await engine.createSync();
      await engine.evaluate(range(1, 200).map(n => member(n)));

      const run = await engine.run(sync.id);

      expect(run).toMatchObject({
        status: 'succeeded',
        sent: 200,
        succeeded: 200,
        failed: 0,
      });
      expect(recorder.maxActive).toBe(3);
      expect(recorder.inner.membersOf('crm', 'list-1')).toEqual(
        emails(range(1, 200)),
      );
      expect((await engine.ledger(sync.id)).sort()).toEqual(
        emails(range(1, 200)),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'on a failed batch, commits what the other batches in flight delivered and finishes on the next run, %p',
    async databaseId => {
      const { engine, recorder } = await harness(databaseId);
      const sync = await engine.createSync();
      await engine.evaluate(range(1, 200).map(n => member(n)));
      recorder.refuseRequests.add(5);

      const failed = await engine.run(sync.id);

      expect(failed.status).toBe('failed');
      expect(failed.error).toBe('add batch failed: Invalid access token');
      // Nothing starts once a batch failed; what was already in flight is acknowledged and committed.
      const refusedAt = recorder.events.indexOf('refused 5');
      expect(
        recorder.events.slice(refusedAt).filter(e => e.startsWith('start')),
      ).toEqual([]);
      const delivered = recorder.inner.membersOf('crm', 'list-1');
      expect(delivered.length).toBeGreaterThanOrEqual(40);
      expect((await engine.ledger(sync.id)).sort()).toEqual(delivered);
      expect(failed).toMatchObject({
        sent: delivered.length + 10,
        succeeded: delivered.length,
        failed: 10,
      });

      const recovered = await engine.run(sync.id);
      expect(recovered).toMatchObject({
        status: 'succeeded',
        planned: { adds: 200 - delivered.length },
      });
      expect(recorder.inner.membersOf('crm', 'list-1')).toEqual(
        emails(range(1, 200)),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'sends every remove before any add, and a re-keyed member’s old identifier before its new one, %p',
    async databaseId => {
      const { engine, recorder } = await harness(databaseId);
      const sync = await engine.createSync({ mode: 'mirror' });
      await engine.evaluate(range(1, 60).map(n => member(n)));
      await engine.run(sync.id);
      recorder.events.length = 0;

      await engine.evaluate([
        ...range(21, 55).map(n => member(n)),
        member(56, {}, 'moved56@example.com'),
        ...range(61, 90).map(n => member(n)),
      ]);
      const run = await engine.run(sync.id);

      expect(run.status).toBe('succeeded');
      const lastRemoveEnd = recorder.events.findLastIndex(
        e => e.startsWith('end remove') && !e.includes('user56'),
      );
      const firstAddStart = recorder.events.findIndex(e =>
        e.startsWith('start add user61'),
      );
      expect(lastRemoveEnd).toBeLessThan(firstAddStart);
      expect(
        recorder.events.indexOf('end remove user56@example.com'),
      ).toBeLessThan(recorder.events.indexOf('start add moved56@example.com'));
      expect(recorder.inner.membersOf('crm', 'list-1')).toEqual(
        [
          ...emails(range(21, 55)),
          'moved56@example.com',
          ...emails(range(61, 90)),
        ].sort(),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'numbers the batches of each operation as one sequence per run and flags the last one, %p',
    async databaseId => {
      const { engine, recorder } = await harness(databaseId);
      const sync = await engine.createSync({ mode: 'mirror' });
      // Members 201-230 have no email: the last page holds only invalid rows, which are not sent.
      await engine.evaluate([
        ...range(1, 200).map(n => member(n)),
        ...range(201, 230).map(n => member(n, {}, '')),
      ]);

      const first = await engine.run(sync.id);

      expect(first).toMatchObject({ invalid: 30 });
      const adds = recorder.sequences.map(s => s.sequence!);
      expect(adds.map(s => s.number).sort((a, b) => a - b)).toEqual(
        range(1, 20),
      );
      expect(new Set(adds.map(s => s.id)).size).toBe(1);
      expect(adds.filter(s => s.last).map(s => s.number)).toEqual([20]);
      expect(adds.every(s => s.estimatedRows === 230)).toBe(true);

      recorder.sequences.length = 0;
      await engine.evaluate(range(1, 150).map(n => member(n)));
      const second = await engine.run(sync.id);

      expect(second.status).toBe('succeeded');
      const removes = recorder.sequences;
      expect(removes.every(s => s.operation === 'remove')).toBe(true);
      expect(removes.map(s => s.sequence!.number)).toEqual(range(1, 5));
      expect(removes.filter(s => s.sequence!.last)).toHaveLength(1);
      expect(removes[4].sequence).toMatchObject({
        last: true,
        estimatedRows: 50,
      });
      expect(removes[0].sequence!.id).not.toBe(adds[0].id);
    },
  );
});
