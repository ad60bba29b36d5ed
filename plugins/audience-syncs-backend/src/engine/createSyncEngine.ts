import { LoggerService } from '@backstage/backend-plugin-api';
import { AudienceSyncsStores } from '../database/AudienceSyncsStores';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { SyncMetrics } from '../metrics/SyncMetrics';
import { SyncSignals } from '../signals/SyncSignals';
import { BatchSender } from './BatchSender';
import { engineConfig, EngineSettings } from './EngineConfig';
import { RateBudgets } from './RateBudgets';
import { RemovalGuard } from './RemovalGuard';
import { RunCoordinator } from './RunCoordinator';
import { RunExecutor, SyncDispatcher } from './SyncDispatcher';
import { RepairExecutor } from './RepairExecutor';
import { ResyncExecutor } from './ResyncExecutor';
import { RunKindExecutor } from './RunKindExecutor';
import { SyncExecutor } from './SyncExecutor';
import { VerifyExecutor } from './VerifyExecutor';
import { SyncPlanner } from './SyncPlanner';

/** The sync engine of one instance: planner, executor and dispatcher over the plugin's stores. */
export function createSyncEngine(options: {
  stores: AudienceSyncsStores;
  destinations: DestinationRegistry;
  logger: LoggerService;
  /** Names this instance in leases. */
  instanceId: string;
  /** The engine's limits (`readEngineConfig`); what is left out keeps its default. */
  config?: EngineSettings;
  /** The destinations' request budgets (shared by the replicas in production); default: this process's. */
  budgets?: RateBudgets;
  /** Announces runs to open pages; default: none. */
  signals?: SyncSignals;
  /** Records runs and rows; default: none. */
  metrics?: SyncMetrics;
  /** Observes or decorates executions (tests count which instance ran what). */
  wrapExecutor?: (executor: RunExecutor) => RunExecutor;
  /** Whether runs write the member history (`readMemberHistoryConfig`); default: they do. */
  memberHistory?: { enabled: boolean };
}) {
  const { stores, logger } = options;
  const config = engineConfig(options.config);
  const coordinator = RunCoordinator.create({
    stores,
    errorSampleSize: config.errorSampleSize,
    signals: options.signals,
    recordMemberHistory: options.memberHistory?.enabled ?? true,
  });
  const planner = SyncPlanner.create(stores);
  const syncExecutor = SyncExecutor.create({
    stores,
    coordinator,
    planner,
    destinations: options.destinations,
    sender: BatchSender.create({ policy: config.retry }),
    guard: RemovalGuard.create(config.removalGuard),
    logger,
    budgets: options.budgets,
    metrics: options.metrics,
  });
  const verifyExecutor = VerifyExecutor.create({
    stores,
    coordinator,
    destinations: options.destinations,
    logger,
  });
  const executor = RunKindExecutor.create({
    runs: stores.runs,
    executors: {
      sync: syncExecutor,
      verify: verifyExecutor,
      repair: RepairExecutor.create({
        verifier: verifyExecutor,
        verifications: stores.verifications,
        coordinator,
        sync: syncExecutor,
      }),
      resync: ResyncExecutor.create({
        stores,
        coordinator,
        sync: syncExecutor,
        logger,
      }),
    },
  });
  const dispatcher = SyncDispatcher.create({
    runs: coordinator,
    executor: options.wrapExecutor?.(executor) ?? executor,
    logger,
    instanceId: options.instanceId,
    tickMs: config.tickMs,
    leaseMs: config.leaseMs,
    heartbeatMs: config.heartbeatMs,
    concurrency: config.concurrentRuns,
  });
  return { coordinator, planner, dispatcher };
}
