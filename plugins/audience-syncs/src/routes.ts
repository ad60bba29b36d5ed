import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The Audience Syncs list page (mounted at `/audience-syncs` by default). */
export const rootRouteRef = createRouteRef({ id: 'audience-syncs' });

/** The detail page of one sync: `/audience-syncs/:syncId` below the list page. */
export const syncRouteRef = createSubRouteRef({
  id: 'audience-syncs/sync',
  parent: rootRouteRef,
  path: '/:syncId',
});

/**
 * Where "Create Audience Sync" leads: the scaffolder's page for the `create-audience-sync` template in the
 * `default` namespace (the sync builder of the guide, steps 2–8).
 */
export const CREATE_AUDIENCE_SYNC_TEMPLATE_PATH =
  '/create/templates/default/create-audience-sync';
