import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { audienceSyncsServiceRef } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { createAudienceSyncAction } from './actions/createAudienceSyncAction';

/**
 * Adds the `audience-syncs:create` action to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleAudienceSyncs = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'audience-syncs',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        audienceSyncs: audienceSyncsServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, audienceSyncs, config }) {
        scaffolder.addActions(
          createAudienceSyncAction({ audienceSyncs, config }),
        );
      },
    });
  },
});
