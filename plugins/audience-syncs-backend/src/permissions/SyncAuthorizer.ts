import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ConditionTransformer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  AUDIENCE_SYNC_RESOURCE_TYPE,
  audienceSyncReadPermission,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SyncOwnerQuery } from '../database/SyncStore';
import { syncPermissionResourceRef } from './syncPermissionRules';

/** Asks the permission framework; a denial is a NotAllowedError (403) before anything changes. */
export class SyncAuthorizer {
  readonly #permissions: PermissionsService;
  readonly #toOwnerQuery: ConditionTransformer<SyncOwnerQuery>;

  static create(options: {
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
  }) {
    return new SyncAuthorizer(
      options.permissions,
      createConditionTransformer(
        options.permissionsRegistry.getPermissionRuleset(
          syncPermissionResourceRef,
        ),
      ),
    );
  }

  private constructor(
    permissions: PermissionsService,
    toOwnerQuery: ConditionTransformer<SyncOwnerQuery>,
  ) {
    this.#permissions = permissions;
    this.#toOwnerQuery = toOwnerQuery;
  }

  async authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.#permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed to ${permission.name}`);
    }
  }

  async authorizeSync(
    permission: ResourcePermission<typeof AUDIENCE_SYNC_RESOURCE_TYPE>,
    syncId: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.#permissions.authorize(
      [{ permission, resourceRef: syncId }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to ${permission.name} audience sync '${syncId}'`,
      );
    }
  }

  /** The owner filter that the caller's read permission puts on sync lists; undefined when all are visible. */
  async readFilter(
    credentials: BackstageCredentials,
  ): Promise<PermissionCriteria<SyncOwnerQuery> | undefined> {
    const [decision] = await this.#permissions.authorizeConditional(
      [{ permission: audienceSyncReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError(
        `Not allowed to ${audienceSyncReadPermission.name}`,
      );
    }
    return decision.result === AuthorizeResult.CONDITIONAL
      ? this.#toOwnerQuery(decision.conditions)
      : undefined;
  }
}
