import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { member, range } from '../__testUtils__/createEngineHarness';
import { publishEvaluation } from '../audiences/publishEvaluation';
import { createStores } from '../database/AudienceSyncsStores';
import { migrationsDir } from '../database/migrateDatabase';

/*
 * Three backend processes on one PostgreSQL database, sending 50 syncs round after round to one HubSpot
 * portal (the emulator, over real sockets) whose budget is 100 requests per 10 seconds. The connector is
 * told 90 of them, as an operator leaves a margin. Budgets shared in the database keep the three within
 * the portal's budget; three budgets of their own do not.
 */

const POSTGRES = 'POSTGRES_15';
const describeOnPostgres =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ||
  process.env.CI
    ? describe
    : describe.skip;

jest.setTimeout(240_000);

const WORKER = path.resolve(
  __dirname,
  '../__testUtils__/multiProcessWorker.ts',
);
const SYNCS = 50;
const PORTAL_BUDGET = { requests: 100, perSeconds: 10 };
const DECLARED_PER_TEN_SECONDS = 90;
/** Each round's audience: 100 members, 50 of them replaced from one round to the next. */
const audienceOf = (round: number) =>
  range((round - 1) * 50 + 1, (round - 1) * 50 + 100).map(n => member(n));
/** Five batches per sync: more than the portal's budget takes in one go. */
const LARGE_AUDIENCE = range(1, 500).map(n => member(n));
const listOf = (i: number) => ({ id: String(1000 + i), name: `List ${i}` });

interface Execution {
  event: 'start' | 'end';
  runId: number;
  pid: number;
}

class Replica {
  readonly process: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  stderr = '';

  constructor(
    database: unknown,
    url: string,
    budgets: 'shared' | 'process',
    executions: Execution[],
  ) {
    this.process = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        WORKER,
        JSON.stringify(database),
        url,
        budgets,
        String(DECLARED_PER_TEN_SECONDS),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let ready = () => {};
    this.ready = new Promise(resolve => (ready = resolve));
    let pending = '';
    this.process.stdout!.on('data', chunk => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [event, runId, pid] = line.split(' ');
        if (event === 'ready') ready();
        if (event === 'start' || event === 'end') {
          executions.push({ event, runId: Number(runId), pid: Number(pid) });
        }
      }
    });
    this.process.stderr!.on('data', chunk => {
      this.stderr += chunk;
    });
    this.exited = new Promise(resolve =>
      this.process.on('exit', () => resolve()),
    );
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** A run this replica started and has not ended. */
  running(executions: Execution[]): boolean {
    const mine = executions.filter(e => e.pid === this.pid);
    const ended = new Set(
      mine.filter(e => e.event === 'end').map(e => e.runId),
    );
    return mine.some(e => e.event === 'start' && !ended.has(e.runId));
  }

  async stop() {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGTERM');
    }
    await this.exited;
  }
}

async function waitFor(
  what: string,
  done: () => Promise<boolean> | boolean,
  replicas: Replica[] = [],
) {
  const deadline = Date.now() + 90_000;
  while (!(await done())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}; the replicas said: ${replicas
          .map(r => r.stderr.slice(-2000))
          .join('\n')}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describeOnPostgres('three backend processes on one PostgreSQL database', () => {
  const databases = TestDatabases.create({ ids: [POSTGRES] });

  async function startCluster(budgets: 'shared' | 'process') {
    const knex = await databases.init(POSTGRES);
    await knex.migrate.latest({ directory: migrationsDir });
    const stores = createStores(knex);
    const hubspot = await startHubSpotEmulator({
      rateLimit: PORTAL_BUDGET,
      lists: range(1, SYNCS).map(i => ({
        listId: listOf(i).id,
        name: listOf(i).name,
      })),
    });
    const syncs: AudienceSync[] = [];
    for (const i of range(1, SYNCS)) {
      const now = new Date().toISOString();
      const sync: AudienceSync = {
        id: `sync-${i}`,
        name: `Sync ${i}`,
        audienceId: 'buyers',
        destinationId: 'hubspot',
        object: listOf(i),
        mode: 'mirror',
        identifier: { entityKey: 'email', field: 'email' },
        fieldMappings: [],
        schedule: { type: 'every_15_minutes' },
        status: 'active',
        owner: 'group:default/crm',
        createdBy: 'user:default/test',
        createdAt: now,
        updatedBy: 'user:default/test',
        updatedAt: now,
        lastSyncedAt: null,
        nextRunAt: null,
        version: 1,
      };
      await stores.syncs.insertSync(sync);
      syncs.push(sync);
    }
    const executions: Execution[] = [];
    const replicas = range(1, 3).map(
      () => new Replica(knex.client.config, hubspot.url, budgets, executions),
    );
    await Promise.all(replicas.map(r => r.ready));

    /** A new evaluation, every sync due, and the round's runs all finished. */
    async function round(
      n: number,
      options: {
        members?: typeof LARGE_AUDIENCE;
        during?: () => Promise<void>;
      } = {},
    ) {
      const members = options.members ?? audienceOf(n);
      const started = new Date(Date.now() - 1000).toISOString();
      const evaluation = await stores.snapshots.startEvaluation('buyers');
      await stores.snapshots.writeMembers(evaluation, members);
      await publishEvaluation(stores, evaluation, members.length);
      await knex('syncs').update({ next_run_at: started });
      await options.during?.();
      // Done when nothing is open and every sync has a run of this round that succeeded.
      await waitFor(
        `round ${n}`,
        async () => {
          const [{ open }] = await knex('sync_runs')
            .whereIn('status', ['queued', 'running'])
            .count({ open: '*' });
          const [{ synced }] = await knex('sync_runs')
            .where('queued_at', '>=', started)
            .where('status', 'succeeded')
            .countDistinct({ synced: 'sync_id' });
          return Number(open) === 0 && Number(synced) === SYNCS;
        },
        replicas,
      );
      return members;
    }

    async function close() {
      await Promise.all(replicas.map(r => r.stop()));
      await hubspot.close();
      await knex.destroy();
    }

    return { knex, hubspot, syncs, replicas, executions, round, close };
  }

  const throttledShare = (hubspot: RunningEmulator) => {
    const { requests, throttled } = hubspot.stats();
    return throttled / requests;
  };

  it('exceeds the portal budget with a budget per process', async () => {
    const cluster = await startCluster('process');
    try {
      await cluster.round(1, { members: LARGE_AUDIENCE });
      const share = throttledShare(cluster.hubspot);
      process.stdout.write(
        `per-process budgets: ${(share * 100).toFixed(1)}% of ${
          cluster.hubspot.stats().requests
        } requests throttled\n`,
      );
      expect(share).toBeGreaterThan(0.01);
    } finally {
      await cluster.close();
    }
  });

  it('stays within the portal budget with shared budgets, runs every due run once, and finishes the runs of a killed replica', async () => {
    const cluster = await startCluster('shared');
    const { knex, hubspot, replicas, executions } = cluster;
    try {
      const started = Date.now();
      await cluster.round(1);
      await cluster.round(2);
      const victim = replicas[0];
      const members = await cluster.round(3, {
        during: async () => {
          await waitFor('a run on the victim', () =>
            victim.running(executions),
          );
          victim.process.kill('SIGKILL');
          await victim.exited;
        },
      });
      const seconds = (Date.now() - started) / 1000;

      // Within the budget: at most 1% throttled.
      const { requests } = hubspot.stats();
      const share = throttledShare(hubspot);
      process.stdout.write(
        `shared budgets: ${(share * 100).toFixed(
          2,
        )}% of ${requests} requests throttled, ${(requests / seconds).toFixed(
          1,
        )} requests/s over ${seconds.toFixed(0)} s\n`,
      );
      expect(share).toBeLessThanOrEqual(0.01);

      // What the killed replica started and never ended.
      const endedByVictim = new Set(
        executions
          .filter(e => e.event === 'end' && e.pid === victim.pid)
          .map(e => e.runId),
      );
      const interrupted = new Set(
        executions
          .filter(e => e.event === 'start' && e.pid === victim.pid)
          .map(e => e.runId)
          .filter(runId => !endedByVictim.has(runId)),
      );
      expect(interrupted.size).toBeGreaterThan(0);

      // No missed run: each sync has one successful run per round. Any other run is one the killed
      // replica left, recorded as interrupted and replaced.
      const runs = await knex('sync_runs')
        .select('id', 'sync_id', 'status', 'started_at', 'finished_at')
        .orderBy('id');
      for (const sync of cluster.syncs) {
        const own = runs.filter(r => r.sync_id === sync.id);
        expect(own.filter(r => r.status === 'succeeded')).toHaveLength(3);
        for (const other of own.filter(r => r.status !== 'succeeded')) {
          expect(interrupted.has(other.id)).toBe(true);
        }
        // No two runs of a sync overlap.
        for (let i = 1; i < own.length; i++) {
          expect(new Date(own[i].started_at).getTime()).toBeGreaterThanOrEqual(
            new Date(own[i - 1].finished_at).getTime(),
          );
        }
      }

      // No duplicate: every run executed by one replica, except that one the killed replica left may
      // be continued by one other.
      const starts = new Map<number, number[]>();
      for (const e of executions.filter(x => x.event === 'start')) {
        starts.set(e.runId, [...(starts.get(e.runId) ?? []), e.pid]);
      }
      expect([...starts.keys()].sort((a, b) => a - b)).toEqual(
        runs.map(r => r.id),
      );
      for (const [runId, pids] of starts) {
        if (pids.length === 1) continue;
        expect(interrupted.has(runId)).toBe(true);
        expect(pids).toHaveLength(2);
        expect(pids[1]).not.toBe(victim.pid);
      }

      // Exact membership: every list holds the last audience, the killed replica's lists too.
      const emails = members.map(m => m.keys.email!).sort();
      for (const sync of cluster.syncs) {
        expect(hubspot.members(sync.object.id).sort()).toEqual(emails);
      }
    } finally {
      await cluster.close();
    }
  });
});
