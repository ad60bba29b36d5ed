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
import HomeIcon from '@material-ui/icons/Home';
import SyncIcon from '@material-ui/icons/Sync';
import { audienceSyncsApiRef, AudienceSyncsClient } from './api';
import { homeRouteRef, rootRouteRef, syncRouteRef } from './routes';
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
 * The Segment home, first in the sidebar's Segment group. An app makes it its landing page with a redirect
 * from `/` (the app's `app/routes` extension config), or by configuring this page's `path` to `/`.
 */
const segmentHomePage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/segment',
    title: 'Home',
    icon: <HomeIcon />,
    routeRef: convertLegacyRouteRef(homeRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/SegmentHomePage').then(m => <m.SegmentHomePage />),
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
    segmentHomePage,
    audienceSyncsPage,
    audienceSyncDetailPage,
    audienceEntityCard,
    destinationEntityCard,
    audienceSyncsEntityContent,
  ],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    sync: syncRouteRef,
    home: homeRouteRef,
  }),
});

export { audienceSyncsScaffolderModule } from './alpha/scaffolderFieldExtensions';
