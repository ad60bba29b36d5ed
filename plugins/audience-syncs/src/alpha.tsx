import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import SyncIcon from '@material-ui/icons/Sync';
import { audienceSyncsApiRef, AudienceSyncsClient } from './api';
import { rootRouteRef } from './routes';

const audienceSyncsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: audienceSyncsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AudienceSyncsClient(deps),
    }),
});

const audienceSyncsPage = PageBlueprint.make({
  params: {
    path: '/audience-syncs',
    title: 'Audience Syncs',
    icon: <SyncIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/AudienceSyncsPage').then(m => (
        <m.AudienceSyncsPage />
      )),
  },
});

/**
 * Audience Syncs plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'audience-syncs',
  title: 'Audience Syncs',
  icon: <SyncIcon />,
  info: { packageJson: () => import('../package.json') },
  extensions: [audienceSyncsApi, audienceSyncsPage],
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
});
