import {
  BasicPermission,
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Resource type of a sync in permission policies; policies can use the "is owner" rule on it.
 *
 * @public
 */
export const AUDIENCE_SYNC_RESOURCE_TYPE = 'audience-sync';

/**
 * See a sync, its runs and its errors.
 *
 * @public
 */
export const audienceSyncReadPermission = createPermission({
  name: 'audience-sync.read',
  attributes: { action: 'read' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/**
 * Create a sync (and, where the destination allows it, the destination object it fills).
 *
 * @public
 */
export const audienceSyncCreatePermission: BasicPermission = createPermission({
  name: 'audience-sync.create',
  attributes: { action: 'create' },
});

/**
 * Edit, pause or resume a sync.
 *
 * @public
 */
export const audienceSyncUpdatePermission = createPermission({
  name: 'audience-sync.update',
  attributes: { action: 'update' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/**
 * Delete a sync (its destination members stay).
 *
 * @public
 */
export const audienceSyncDeletePermission = createPermission({
  name: 'audience-sync.delete',
  attributes: { action: 'delete' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/**
 * Start a run now.
 *
 * @public
 */
export const audienceSyncRunPermission = createPermission({
  name: 'audience-sync.run',
  attributes: { action: 'update' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/**
 * Release a run that the removal guard held.
 *
 * @public
 */
export const audienceSyncApprovePermission = createPermission({
  name: 'audience-sync.approve',
  attributes: { action: 'update' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/**
 * The permissions that apply to one sync, so policies can decide per sync.
 *
 * @public
 */
export const audienceSyncResourcePermissions: ResourcePermission<
  typeof AUDIENCE_SYNC_RESOURCE_TYPE
>[] = [
  audienceSyncReadPermission,
  audienceSyncUpdatePermission,
  audienceSyncDeletePermission,
  audienceSyncRunPermission,
  audienceSyncApprovePermission,
];

/**
 * Every Audience Syncs permission, for registration and for policy authors.
 *
 * @public
 */
export const audienceSyncsPermissions = [
  ...audienceSyncResourcePermissions,
  audienceSyncCreatePermission,
];
