import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';
import { CREATE_AUDIENCE_SYNC_TEMPLATE_NAME } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** The Audience Syncs list page (mounted at `/audience-syncs` by default). */
export const rootRouteRef = createRouteRef({ id: 'audience-syncs' });

/** The Segment home: attention, recent runs and audiences (mounted at `/segment` by default). */
export const homeRouteRef = createRouteRef({ id: 'audience-syncs/home' });

/** The detail page of one sync: `/audience-syncs/:syncId` below the list page. */
export const syncRouteRef = createSubRouteRef({
  id: 'audience-syncs/sync',
  parent: rootRouteRef,
  path: '/:syncId',
});

/**
 * Where "Create Audience Sync" leads: the scaffolder's page for the `create-audience-sync` template in the
 * `default` namespace (the sync builder).
 */
export const CREATE_AUDIENCE_SYNC_TEMPLATE_PATH = `/create/templates/default/${CREATE_AUDIENCE_SYNC_TEMPLATE_NAME}`;

/**
 * The builder, with the audience pre-selected when one is given ("from the audience detail
 * page"): the scaffolder fills the form from the `formData` query parameter.
 */
export function createAudienceSyncPath(audienceId?: string): string {
  if (!audienceId) return CREATE_AUDIENCE_SYNC_TEMPLATE_PATH;
  const formData = encodeURIComponent(JSON.stringify({ audienceId }));
  return `${CREATE_AUDIENCE_SYNC_TEMPLATE_PATH}?formData=${formData}`;
}
