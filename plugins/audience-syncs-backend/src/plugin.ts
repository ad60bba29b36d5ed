import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { AUDIENCE_SYNCS_PLUGIN_ID } from '@internal/plugin-audience-syncs-common';
import { createRouter } from './service/router';

/**
 * Audience Syncs backend plugin: serves `/api/audience-syncs`.
 *
 * @public
 */
export const audienceSyncsPlugin = createBackendPlugin({
  pluginId: AUDIENCE_SYNCS_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use(await createRouter());
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
