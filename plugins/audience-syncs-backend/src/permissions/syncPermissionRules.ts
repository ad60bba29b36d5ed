import {
  AUDIENCE_SYNC_RESOURCE_TYPE,
  AUDIENCE_SYNCS_PLUGIN_ID,
  AudienceSync,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { StandardJSONSchemaV1, StandardSchemaV1 } from '@standard-schema/spec';
import { SyncOwnerQuery } from '../database/SyncStore';

export const syncPermissionResourceRef = createPermissionResourceRef<
  AudienceSync,
  SyncOwnerQuery
>().with({
  pluginId: AUDIENCE_SYNCS_PLUGIN_ID,
  resourceType: AUDIENCE_SYNC_RESOURCE_TYPE,
});

type OwnerParams = { claims: string[] };

const ownerParamsJsonSchema = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description: "Entity refs to match, e.g. the user's ownership refs",
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

// A Standard Schema by hand: the rule API wants its JSON Schema half, which our zod release lacks.
const ownerParamsSchema: StandardSchemaV1<OwnerParams> &
  StandardJSONSchemaV1<OwnerParams> = {
  '~standard': {
    version: 1,
    vendor: 'audience-syncs',
    validate: value => {
      const claims = (value as Partial<OwnerParams> | undefined)?.claims;
      return Array.isArray(claims) && claims.every(c => typeof c === 'string')
        ? { value: { claims } }
        : {
            issues: [
              { message: 'must be a list of entity refs', path: ['claims'] },
            ],
          };
    },
    jsonSchema: {
      input: () => ownerParamsJsonSchema,
      output: () => ownerParamsJsonSchema,
    },
  },
};

/** Policies use it to let teams manage only the syncs they own. */
export const isSyncOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'Allow syncs whose owner is one of the given entity refs',
  resourceRef: syncPermissionResourceRef,
  paramsSchema: ownerParamsSchema,
  apply: (sync: AudienceSync, { claims }: OwnerParams) =>
    claims.includes(sync.owner),
  toQuery: ({ claims }: OwnerParams) => ({ owners: claims }),
});
