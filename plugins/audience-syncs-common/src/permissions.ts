import {
  BasicPermission,
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Resource type of a sync in permission policies; policies can use the "is owner" rule on it. */
export const AUDIENCE_SYNC_RESOURCE_TYPE = 'audience-sync';

/** See a sync, its runs and its errors. */
export const audienceSyncReadPermission = createPermission({
  name: 'audience-sync.read',
  attributes: { action: 'read' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/** Create a sync (and, where the destination allows it, the destination object it fills). */
export const audienceSyncCreatePermission: BasicPermission = createPermission({
  name: 'audience-sync.create',
  attributes: { action: 'create' },
});

/** Edit, pause or resume a sync. */
export const audienceSyncUpdatePermission = createPermission({
  name: 'audience-sync.update',
  attributes: { action: 'update' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/** Delete a sync (its destination members stay). */
export const audienceSyncDeletePermission = createPermission({
  name: 'audience-sync.delete',
  attributes: { action: 'delete' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/** Start a run now. */
export const audienceSyncRunPermission = createPermission({
  name: 'audience-sync.run',
  attributes: { action: 'update' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

/** Release a run that the removal guard held. */
export const audienceSyncApprovePermission = createPermission({
  name: 'audience-sync.approve',
  attributes: { action: 'update' },
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

export const audienceSyncResourcePermissions: ResourcePermission<
  typeof AUDIENCE_SYNC_RESOURCE_TYPE
>[] = [
  audienceSyncReadPermission,
  audienceSyncUpdatePermission,
  audienceSyncDeletePermission,
  audienceSyncRunPermission,
  audienceSyncApprovePermission,
];

/** Every Audience Syncs permission, for registration and for policy authors. */
export const audienceSyncsPermissions = [
  ...audienceSyncResourcePermissions,
  audienceSyncCreatePermission,
];
