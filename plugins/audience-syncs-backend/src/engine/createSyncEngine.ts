import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { AudienceSnapshotStore } from '../database/AudienceSnapshotStore';
import { RunStore } from '../database/RunStore';
import { SyncStore } from '../database/SyncStore';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { BatchSender, RetryPolicy } from './BatchSender';
import { RemovalGuard } from './RemovalGuard';
import { RunExecutor, SyncDispatcher } from './SyncDispatcher';
import { SyncExecutor } from './SyncExecutor';
import { SyncPlanner } from './SyncPlanner';

/** The sync engine of one instance: planner, executor and dispatcher over the plugin's store. */
export function createSyncEngine(options: {
  knex: Knex;
  syncs: SyncStore;
  snapshots: AudienceSnapshotStore;
  destinations: DestinationRegistry;
  guard: RemovalGuard;
  logger: LoggerService;
  /** Names this instance in leases. */
  instanceId: string;
  leaseMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Observes or decorates executions (tests count which instance ran what). */
  wrapExecutor?: (executor: RunExecutor) => RunExecutor;
}) {
  const { knex, logger } = options;
  const runs = RunStore.create({ knex });
  const planner = SyncPlanner.create({ knex });
  const executor = SyncExecutor.create({
    runs,
    syncs: options.syncs,
    snapshots: options.snapshots,
    planner,
    destinations: options.destinations,
    sender: BatchSender.create({ policy: options.retry }),
    guard: options.guard,
    logger,
  });
  const dispatcher = SyncDispatcher.create({
    runs,
    executor: options.wrapExecutor?.(executor) ?? executor,
    logger,
    instanceId: options.instanceId,
    leaseMs: options.leaseMs,
  });
  return { runs, planner, dispatcher };
}
