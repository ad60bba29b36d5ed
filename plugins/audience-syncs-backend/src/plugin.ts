import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
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
      },
      async init(deps) {
        const { config, logger, scheduler, permissionsRegistry } = deps;
        const engineConfig = readEngineConfig(config);
        const stores = createStores(await migrateDatabase(deps.database));

        const sqlSource = sqlAudienceSourceFromConfig(config);
        const audiences = await AudienceCatalog.create({
          sources: [...(sqlSource ? [sqlSource] : []), ...sources.sources],
          store: stores.snapshots,
        });
        const evaluator = AudienceEvaluator.create({
          catalog: audiences,
          stores,
          logger,
        });
        await evaluator.schedule(scheduler);

        const destinations = await DestinationRegistry.fromConfig(config, {
          connectors: destinationsExtension.connectors,
          destinations: destinationsExtension.destinations,
          logger,
        });

        const { dispatcher } = createSyncEngine({
          stores,
          destinations,
          config: engineConfig,
          logger,
          instanceId: createInstanceId(),
        });
        const wakeDispatcher = await dispatcher.schedule(scheduler);
        deps.lifecycle.addShutdownHook(() => dispatcher.stop());

        registerSyncPermissions({ permissionsRegistry, store: stores.syncs });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            authorizer: SyncAuthorizer.create(deps),
            audiences,
            destinations: DestinationService.create({ destinations }),
            syncs: SyncService.create({
              stores,
              audiences,
              destinations,
              onRunQueued: wakeDispatcher,
              removalGuard: engineConfig.removalGuard,
            }),
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        announceDefinitionsAtStartup({ ...deps, audiences, destinations });
      },
    });
  },
});
