import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import {
  createEngineHarness,
  EngineHarness,
  member,
} from '../__testUtils__/createEngineHarness';
import { seededRandom } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';

jest.setTimeout(600_000);

const TRIALS = 20;
const WORKER = path.resolve(__dirname, '../__testUtils__/crashTestWorker.ts');
const email = (n: number) => `user${n}@example.com`;
/** Every 25th member has no email: invalid, counted by every run that meets it. */
const withoutEmail = (n: number) => n % 25 === 0;

/**
 * A webhook receiver that keeps the list and every removal it was asked for, and can pull the trigger on
 * the engine at its n-th request: before answering (the batch is applied but never acknowledged) or just
 * after (the engine dies around its commit).
 */
async function startReceiver() {
  const list = new Set<string>();
  const removals: string[] = [];
  const trap = { requests: 0, killAt: 0, beforeAnswer: false, kill: () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const row of batch.rows) {
        if (batch.operation === 'remove') {
          list.delete(row.identifier.value);
          removals.push(row.identifier.value);
        } else {
          list.add(row.identifier.value);
        }
      }
      trap.requests += 1;
      const springs = trap.requests === trap.killAt;
      if (springs && trap.beforeAnswer) {
        trap.kill();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      if (springs) setTimeout(trap.kill, 2);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    list,
    removals,
    trap,
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise(r => server.close(r));
    },
  };
}

function startWorker(
  filename: string,
  url: string,
  syncId: string,
): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      WORKER,
      filename,
      url,
      syncId,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>(resolve => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve(child.exitCode);
    else child.once('exit', code => resolve(code));
  });

describe('crash safety', () => {
  let dir: string;
  let engine: EngineHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audience-syncs-crash-'));
    receiver = await startReceiver();
    engine = await createEngineHarness({
      knex: knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'store.sqlite') },
        useNullAsDefault: true,
      }),
    });
  });

  afterAll(async () => {
    await engine.knex.destroy();
    await receiver.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`keeps the destination and the run counters exact across ${TRIALS} SIGKILLs at random points, never removing a member who stayed`, async () => {
    const random = seededRandom(2026);
    const filename = path.join(dir, 'store.sqlite');
    const sync = await engine.createSync();
    let audience = Array.from({ length: 300 }, (_, i) => i + 1);
    let nextNumber = 301;
    let killedMidRun = 0;

    for (let trial = 0; trial < TRIALS; trial++) {
      // Churn: about a tenth of the members leave and as many join.
      const previous = new Set(audience);
      audience = audience.filter(() => random() > 0.1);
      const joiners = Math.round(30 * random()) + 5;
      for (let i = 0; i < joiners; i++) audience.push(nextNumber++);
      const evaluationId = await engine.evaluate(
        audience.map(n => (withoutEmail(n) ? member(n, {}, '') : member(n))),
      );
      const run = await engine.runs.queueRun(sync.id, 'manual');
      expect(run).toBeDefined();
      const removalsBefore = receiver.removals.length;

      // Start the engine and kill it at a random request of its run.
      const diff = await engine.planner.count(sync.id, evaluationId);
      const batches = Math.ceil(diff.joined / 5) + Math.ceil(diff.departed / 5);
      const victim = startWorker(filename, receiver.url, sync.id);
      receiver.trap.requests = 0;
      receiver.trap.killAt = 1 + Math.floor(random() * batches);
      receiver.trap.beforeAnswer = random() < 0.5;
      receiver.trap.kill = () => victim.kill('SIGKILL');
      const code = await exited(victim);
      receiver.trap.killAt = 0;
      const status = (await engine.runDetail(sync.id, run!.id))!.status;
      if (code === null && status === 'running') killedMidRun += 1;

      // Restart at once: the new process recognises its dead predecessor's run (its lease is far from
      // lapsing), recovers it and finishes the sync.
      const survivor = startWorker(filename, receiver.url, sync.id);
      let stderr = '';
      survivor.stderr!.on('data', chunk => (stderr += chunk));
      expect({ code: await exited(survivor), stderr }).toEqual({
        code: 0,
        stderr: expect.any(String),
      });

      const expected = audience
        .filter(n => !withoutEmail(n))
        .map(email)
        .sort();
      expect([...receiver.list].sort()).toEqual(expected);
      const stayed = new Set(audience.filter(n => previous.has(n)).map(email));
      expect(
        receiver.removals.slice(removalsBefore).filter(e => stayed.has(e)),
      ).toEqual([]);
      expect((await engine.ledger(sync.id)).sort()).toEqual(expected);
      // The interrupted run and its continuation together count each invalid member once.
      const trialRuns = await engine
        .knex('sync_runs')
        .where({ sync_id: sync.id })
        .where('id', '>=', run!.id);
      expect(trialRuns.reduce((sum, r) => sum + r.invalid, 0)).toBe(
        audience.filter(withoutEmail).length,
      );
    }

    // The kills really did interrupt runs, not only idle processes.
    expect(killedMidRun).toBeGreaterThanOrEqual(TRIALS * 0.75);
  });
});
