import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AudienceSync,
  SyncRunDetail,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  DestinationConnector,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import knexFactory, { Knex } from 'knex';
import { publishEvaluation } from '../audiences/publishEvaluation';
import { createStores } from '../database/AudienceSyncsStores';
import { migrationsDir } from '../database/migrateDatabase';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { RetryPolicy } from '../engine/BatchSender';
import { createSyncEngine } from '../engine/createSyncEngine';
import { RunExecutor } from '../engine/SyncDispatcher';
import { readRunDetail } from '../service/readRunDetail';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';

export const AUDIENCE = 'buyers';
export const DESTINATION = 'crm';
export const OBJECT = { id: 'list-1', name: 'Customers' };

/** A fresh in-memory SQLite database. */
export function inMemoryKnex(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
}

/** The destination of the engine tests: identifiers are emails, any field is accepted. */
export function crmConnector(
  batchSize = 2,
  objects = [OBJECT],
  options: { readMembers?: boolean } = {},
) {
  return new InMemoryDestinationConnector({
    type: 'test-crm',
    label: 'Test CRM',
    objects,
    readMembers: options.readMembers,
    capabilities: {
      supportsAudienceSyncs: true,
      objectLabel: 'List',
      identifierFields: [
        {
          field: 'Email',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
      ],
      additionalFields: 'any',
      canCreateObjects: false,
      batchSize,
    },
  });
}

/** The whole numbers from `from` to `to`, both included. */
export const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The emails `member(n)` gets, sorted as a destination reads them back. */
export const emails = (ns: number[]) =>
  ns.map(n => `user${n}@example.com`).sort();

export function member(
  n: number,
  fields: Record<string, unknown> = {},
  email?: string,
): AudienceMember {
  return {
    memberKey: `u${String(n).padStart(6, '0')}`,
    keys: { email: email ?? `user${n}@example.com`, user_id: `u${n}` },
    fields: { plan: 'free', ...fields },
  };
}

/**
 * The engine on a migrated database with one destination, driven step by step: write a snapshot, queue a
 * run, let the dispatcher execute it, read the destination back.
 */
export async function createEngineHarness(options: {
  knex: Knex;
  connector?: DestinationConnector;
  /** The destination's settings, for connectors that need some. */
  settings?: JsonObject;
  retry?: Partial<RetryPolicy>;
  guard?: { maxShare: number; minRemovals: number };
  instanceId?: string;
  leaseMs?: number;
  heartbeatMs?: number;
  migrate?: boolean;
  /** Row errors kept per run; the engine's default otherwise. */
  errorSampleSize?: number;
  wrapExecutor?: (executor: RunExecutor) => RunExecutor;
  logger?: LoggerService;
  memberHistory?: { enabled: boolean };
}) {
  const { knex } = options;
  if (options.migrate !== false) {
    await knex.migrate.latest({ directory: migrationsDir });
  }
  const connector = options.connector ?? crmConnector();
  const logger = options.logger ?? mockServices.logger.mock();
  const destinations = await DestinationRegistry.fromConfig(
    new ConfigReader({
      audienceSyncs: {
        destinations: [
          {
            id: DESTINATION,
            type: connector.type,
            name: 'CRM',
            owner: 'group:default/crm',
            ...(options.settings ? { settings: options.settings } : {}),
          },
        ],
      },
    }),
    { connectors: [connector], logger },
  );
  const stores = createStores(knex);
  const { syncs, runs, ledger, snapshots } = stores;
  const { coordinator, planner, dispatcher } = createSyncEngine({
    stores,
    destinations,
    logger,
    instanceId: options.instanceId ?? 'test-instance',
    config: {
      leaseMs: options.leaseMs,
      heartbeatMs: options.heartbeatMs,
      retry: { baseDelayMs: 1, maxDelayMs: 5, ...options.retry },
      removalGuard: options.guard ?? { maxShare: 1, minRemovals: 0 },
      errorSampleSize: options.errorSampleSize,
    },
    wrapExecutor: options.wrapExecutor,
    memberHistory: options.memberHistory,
  });

  /** A run with its error sample and its errors by code, as the API shows it. */
  const runDetail = (syncId: string, runId: number) =>
    readRunDetail(stores, syncId, runId);

  let syncCount = 0;
  return {
    knex,
    connector,
    destinations,
    stores,
    snapshots,
    syncs,
    runs,
    ledgerStore: ledger,
    coordinator,
    planner,
    dispatcher,
    runDetail,

    /** Writes a completed evaluation of the audience with these members. */
    async evaluate(members: AudienceMember[], audienceId = AUDIENCE) {
      const id = await snapshots.startEvaluation(audienceId);
      await snapshots.writeMembers(id, members);
      await publishEvaluation(stores, id, members.length);
      return id;
    },

    async createSync(
      overrides: Partial<AudienceSync> = {},
    ): Promise<AudienceSync> {
      syncCount += 1;
      const now = new Date().toISOString();
      const sync: AudienceSync = {
        id: `sync-${syncCount}`,
        name: `Sync ${syncCount}`,
        audienceId: AUDIENCE,
        destinationId: DESTINATION,
        object: OBJECT,
        mode: 'mirror',
        identifier: { entityKey: 'email', field: 'Email' },
        fieldMappings: [],
        schedule: { type: 'manual' },
        status: 'active',
        owner: 'group:default/crm',
        createdBy: 'user:default/test',
        createdAt: now,
        updatedBy: 'user:default/test',
        updatedAt: now,
        lastSyncedAt: null,
        nextRunAt: null,
        version: 1,
        ...overrides,
      };
      await syncs.insertSync(sync);
      return sync;
    },

    /** Queues a manual run, executes it, and returns how it ended. */
    async run(syncId: string): Promise<SyncRunDetail> {
      const queued = await runs.queueRun(syncId, 'manual');
      if (!queued) throw new Error(`Sync ${syncId} already has an open run`);
      await dispatcher.tick();
      await dispatcher.idle();
      return (await runDetail(syncId, queued.id))!;
    },

    /** Emails in the destination object. */
    membership(objectId = OBJECT.id): string[] {
      return (connector as InMemoryDestinationConnector).membersOf(
        DESTINATION,
        objectId,
      );
    },

    /** Identifiers in the sync's ledger, in member key order. */
    async ledger(syncId: string): Promise<string[]> {
      const entries = await ledger.list(syncId, { limit: 1_000_000 });
      return entries.map(entry => entry.identifier);
    },
  };
}

export type EngineHarness = Awaited<ReturnType<typeof createEngineHarness>>;
