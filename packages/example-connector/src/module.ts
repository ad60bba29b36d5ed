import { createBackendModule } from '@backstage/backend-plugin-api';
import { audienceSyncsDestinationsExtensionPoint } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { contactListsConnector } from './contactListsConnector';

/**
 * Adds the `contact-lists` destination type to Audience Syncs.
 *
 * @public
 */
export const audienceSyncsModuleContactLists = createBackendModule({
  pluginId: 'audience-syncs',
  moduleId: 'contact-lists',
  register(reg) {
    reg.registerInit({
      deps: { destinations: audienceSyncsDestinationsExtensionPoint },
      async init({ destinations }) {
        destinations.addDestinationConnector(contactListsConnector);
      },
    });
  },
});
