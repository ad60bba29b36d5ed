import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  audienceSyncCreatePermission,
  audienceSyncResourcePermissions,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SyncStore } from '../database/SyncStore';
import { isSyncOwner, syncPermissionResourceRef } from './syncPermissionRules';

/** Declares the plugin's permissions, its resource type and the IS_OWNER rule to the permission framework. */
export function registerSyncPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  store: SyncStore;
}) {
  const { permissionsRegistry, store } = options;
  permissionsRegistry.addResourceType({
    resourceRef: syncPermissionResourceRef,
    permissions: audienceSyncResourcePermissions,
    rules: [isSyncOwner],
    getResources: async ids => {
      const found = new Map((await store.getSyncs(ids)).map(s => [s.id, s]));
      return ids.map(id => found.get(id));
    },
  });
  permissionsRegistry.addPermissions([audienceSyncCreatePermission]);
}
