import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { audienceSyncsApiRef, AudienceSyncsClient } from './api';
import { homeRouteRef, rootRouteRef, syncRouteRef } from './routes';

/**
 * Legacy frontend system entry of the Audience Syncs plugin.
 *
 * @public
 */
export const audienceSyncsPlugin = createPlugin({
  id: 'audience-syncs',
  apis: [
    createApiFactory({
      api: audienceSyncsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AudienceSyncsClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, sync: syncRouteRef, home: homeRouteRef },
});

/**
 * The Audience Syncs pages, to mount at `/audience-syncs` in a legacy app: the list there and each sync's
 * detail page at `/audience-syncs/:syncId`.
 *
 * @public
 */
export const AudienceSyncsPage = audienceSyncsPlugin.provide(
  createRoutableExtension({
    name: 'AudienceSyncsPage',
    component: () =>
      import('./components/AudienceSyncsPage').then(m => m.AudienceSyncsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Segment home, to mount where a legacy app lands (e.g. `/` or `/segment`): syncs needing attention,
 * recent runs, audiences with their size and freshness, and "Create Audience Sync". Its links lead to the
 * pages of `AudienceSyncsPage`.
 *
 * @public
 */
export const SegmentHomePage = audienceSyncsPlugin.provide(
  createRoutableExtension({
    name: 'SegmentHomePage',
    component: () =>
      import('./components/SegmentHomePage').then(m => m.SegmentHomePage),
    mountPoint: homeRouteRef,
  }),
);
