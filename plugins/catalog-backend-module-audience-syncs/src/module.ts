import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { audienceSyncsServiceRef } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { AudienceSyncsEntityProvider } from './provider/AudienceSyncsEntityProvider';

/**
 * Catalog module: audiences and destinations of Audience Syncs as `Resource` entities.
 *
 * @public
 */
export const catalogModuleAudienceSyncs = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'audience-syncs',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        events: eventsServiceRef,
        audienceSyncs: audienceSyncsServiceRef,
      },
      async init({ catalog, config, ...deps }) {
        catalog.addEntityProvider(
          AudienceSyncsEntityProvider.fromConfig(config, deps),
        );
      },
    });
  },
});
