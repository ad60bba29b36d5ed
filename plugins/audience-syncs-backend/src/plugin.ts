import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { AUDIENCE_SYNCS_PLUGIN_ID } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  audienceSyncsAudienceSourcesExtensionPoint,
  audienceSyncsDestinationsExtensionPoint,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { AlertNotifier } from './alerts/AlertNotifier';
import { MissedRunWatchdog } from './alerts/MissedRunWatchdog';
import { ScheduledVerifier } from './verify/ScheduledVerifier';
import { readAlertsConfig } from './alerts/readAlertsConfig';
import { SyncAlerts } from './alerts/SyncAlerts';
import { AudienceCatalog } from './audiences/AudienceCatalog';
import { AudienceEvaluator } from './audiences/AudienceEvaluator';
import { sqlAudienceSourceFromConfig } from './audiences/sqlAudienceSourceFromConfig';
import { createStores } from './database/AudienceSyncsStores';
import { migrateDatabase } from './database/migrateDatabase';
import { DestinationRegistry } from './destinations/DestinationRegistry';
import { builtInConnectors } from './destinations/builtInConnectors';
import {
  AudienceSourcesExtension,
  DestinationsExtension,
} from './extensionPoints';
import { SyncAuthorizer } from './permissions/SyncAuthorizer';
import { registerSyncPermissions } from './permissions/registerSyncPermissions';
import { createSyncEngine } from './engine/createSyncEngine';
import { createInstanceId } from './engine/instanceId';
import { readEngineConfig } from './engine/readEngineConfig';
import { createVendorBudgets } from './engine/createVendorBudgets';
import { SyncMetrics } from './metrics/SyncMetrics';
import { registerSyncActions } from './service/actions/registerSyncActions';
import { announceDefinitionsAtStartup } from './service/announceDefinitionsAtStartup';
import { DestinationService } from './service/DestinationService';
import { createRouter } from './service/router';
import { SyncService } from './service/SyncService';
import { SyncSignals } from './signals/SyncSignals';
import { MemberHistoryPruner } from './memberHistory/MemberHistoryPruner';
import { readMemberHistoryConfig } from './memberHistory/readMemberHistoryConfig';
import { MemberTimelineService } from './memberHistory/MemberTimelineService';

/**
 * Audience Syncs backend plugin: audiences, destinations and syncs at `/api/audience-syncs`.
 *
 * @public
 */
export const audienceSyncsPlugin = createBackendPlugin({
  pluginId: AUDIENCE_SYNCS_PLUGIN_ID,
  register(env) {
    const destinationsExtension = new DestinationsExtension();
    destinationsExtension.addDestinationConnector(builtInConnectors());
    env.registerExtensionPoint(
      audienceSyncsDestinationsExtensionPoint,
      destinationsExtension,
    );
    const sources = new AudienceSourcesExtension();
    env.registerExtensionPoint(
      audienceSyncsAudienceSourcesExtensionPoint,
      sources,
    );

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        metrics: metricsServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, permissionsRegistry } = deps;
        const engineConfig = readEngineConfig(config);
        const knex = await migrateDatabase(deps.database);
        const stores = createStores(knex);
        const { budgets, requestSlots } = createVendorBudgets(config, knex);

        const sqlSource = sqlAudienceSourceFromConfig(config);
        const audiences = await AudienceCatalog.create({
          sources: [...(sqlSource ? [sqlSource] : []), ...sources.sources],
          store: stores.snapshots,
        });
        const destinations = await DestinationRegistry.fromConfig(config, {
          connectors: destinationsExtension.connectors,
          destinations: destinationsExtension.destinations,
          logger,
          budgets,
          requestSlots,
        });

        const alertsConfig = readAlertsConfig(config);
        const notifier = AlertNotifier.create({
          store: stores.alerts,
          notifications: deps.notifications,
          audiences,
          logger,
        });
        const alerts = SyncAlerts.create({
          stores,
          notifier,
          config: alertsConfig,
          logger,
        });
        const signals = SyncSignals.create({ signals: deps.signals, logger });
        const memberHistoryConfig = readMemberHistoryConfig(config);
        const { dispatcher } = createSyncEngine({
          stores,
          destinations,
          config: engineConfig,
          budgets,
          signals,
          metrics: SyncMetrics.create({
            metrics: deps.metrics,
            runs: stores.runs,
            destinations,
          }),
          logger,
          instanceId: createInstanceId(),
          wrapExecutor: executor => alerts.wrap(executor),
          memberHistory: memberHistoryConfig,
        });
        const wakeDispatcher = await dispatcher.schedule(scheduler);
        deps.lifecycle.addShutdownHook(() => dispatcher.stop());
        const verifyEveryMs = ScheduledVerifier.readFrequencyMs(deps.config);
        if (verifyEveryMs !== undefined) {
          await ScheduledVerifier.create({
            stores,
            destinations,
            logger,
            onQueued: wakeDispatcher,
          }).schedule(scheduler, verifyEveryMs);
        }
        await MissedRunWatchdog.create({
          stores,
          notifier,
          graceMs: alertsConfig.missedRunGraceMs,
        }).schedule(scheduler);
        await MemberHistoryPruner.create({
          store: stores.memberHistory,
          retentionDays: memberHistoryConfig.retentionDays,
          logger,
        }).schedule(scheduler);

        const evaluator = AudienceEvaluator.create({
          catalog: audiences,
          stores,
          logger,
          onPublished: wakeDispatcher,
        });
        await evaluator.schedule(scheduler);

        registerSyncPermissions({ permissionsRegistry, store: stores.syncs });

        const authorizer = SyncAuthorizer.create(deps);
        const syncs = SyncService.create({
          stores,
          audiences,
          destinations,
          onRunQueued: wakeDispatcher,
          removalGuard: engineConfig.removalGuard,
          signals,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            authorizer,
            audiences,
            destinations: DestinationService.create({ destinations }),
            syncs,
            memberTimeline: MemberTimelineService.create({
              stores,
              destinations,
            }),
          }),
        );
        registerSyncActions({ ...deps, authorizer, syncs });
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        announceDefinitionsAtStartup({ ...deps, audiences, destinations });
      },
    });
  },
});
