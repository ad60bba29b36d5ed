import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import SyncIcon from '@material-ui/icons/Sync';
import { audienceSyncsApiRef, AudienceSyncsClient } from './api';
import { rootRouteRef, syncRouteRef } from './routes';
import {
  audienceEntityCard,
  audienceSyncsEntityContent,
  destinationEntityCard,
} from './alpha/entityExtensions';

const audienceSyncsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: audienceSyncsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AudienceSyncsClient(deps),
    }),
});

/** The list page; the sidebar's "Audience Syncs" item under Segment. */
const audienceSyncsPage = PageBlueprint.make({
  params: {
    path: '/audience-syncs',
    title: 'Audience Syncs',
    icon: <SyncIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/AudienceSyncsListPage').then(m => (
        <m.AudienceSyncsListPage />
      )),
  },
});

/**
 * The detail page of one sync. Links reach it through `syncRouteRef` (a sub route of the list page's ref,
 * which resolves to this path); it has no route ref of its own, so it adds no sidebar item.
 */
const audienceSyncDetailPage = PageBlueprint.make({
  name: 'sync',
  params: {
    path: '/audience-syncs/:syncId',
    noHeader: true,
    loader: () =>
      import('./components/AudienceSyncDetailPage').then(m => (
        <m.AudienceSyncDetailPage />
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
  extensions: [
    audienceSyncsApi,
    audienceSyncsPage,
    audienceSyncDetailPage,
    audienceEntityCard,
    destinationEntityCard,
    audienceSyncsEntityContent,
  ],
  routes: convertLegacyRouteRefs({ root: rootRouteRef, sync: syncRouteRef }),
});

export { audienceSyncsScaffolderModule } from './alpha/scaffolderFieldExtensions';
