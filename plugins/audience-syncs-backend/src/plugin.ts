import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { AUDIENCE_SYNCS_PLUGIN_ID } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  audienceSyncsAudienceSourcesExtensionPoint,
  audienceSyncsDestinationsExtensionPoint,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
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
import { registerSyncActions } from './service/actions/registerSyncActions';
import { announceDefinitionsAtStartup } from './service/announceDefinitionsAtStartup';
import { DestinationService } from './service/DestinationService';
import { createRouter } from './service/router';
import { SyncService } from './service/SyncService';

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

        const { dispatcher } = createSyncEngine({
          stores,
          destinations,
          config: engineConfig,
          budgets,
          logger,
          instanceId: createInstanceId(),
        });
        const wakeDispatcher = await dispatcher.schedule(scheduler);
        deps.lifecycle.addShutdownHook(() => dispatcher.stop());

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
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            authorizer,
            audiences,
            destinations: DestinationService.create({ destinations }),
            syncs,
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
