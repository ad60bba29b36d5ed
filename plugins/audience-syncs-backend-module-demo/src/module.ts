import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AUDIENCE_SYNCS_PLUGIN_ID } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  audienceSyncsAudienceSourcesExtensionPoint,
  audienceSyncsDestinationsExtensionPoint,
  SqlAudienceSource,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { DEMO_AUDIENCES } from './demoAudiences';
import { demoDestinations } from './demoDestinations';
import { openDemoWarehouse } from './openDemoWarehouse';
import { readDemoConfig } from './readDemoConfig';

/**
 * The Audience Syncs demo: generates the demo warehouse when it is missing, and adds the demo audiences
 * over it and the demo destinations at the vendor emulators. Configured by `audienceSyncs.demo`.
 *
 * @public
 */
export const audienceSyncsModuleDemo = createBackendModule({
  pluginId: AUDIENCE_SYNCS_PLUGIN_ID,
  moduleId: 'demo',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        audienceSources: audienceSyncsAudienceSourcesExtensionPoint,
        destinations: audienceSyncsDestinationsExtensionPoint,
      },
      // Modules start before their plugin, so the warehouse is ready when the plugin first evaluates.
      async init({ config, logger, lifecycle, audienceSources, destinations }) {
        const demo = readDemoConfig(config);
        if (!demo) {
          logger.info('The demo is off (audienceSyncs.demo.enabled: false)');
          return;
        }
        const warehouse = await openDemoWarehouse(demo.warehouse, { logger });
        lifecycle.addShutdownHook(() => warehouse.destroy());
        audienceSources.addAudienceSource(
          SqlAudienceSource.create({
            id: 'demo',
            warehouse,
            audiences: DEMO_AUDIENCES,
          }),
        );
        destinations.addDestination(demoDestinations(demo));
      },
    });
  },
});
