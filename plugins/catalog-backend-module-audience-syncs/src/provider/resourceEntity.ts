import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { EntityDefaults } from './readProviderConfig';
import { toTag } from './toTag';

/** The entity provider's name: the catalog's key for the entities it owns, and their location's target. */
export const PROVIDER_NAME = 'AudienceSyncsEntityProvider';

/** Where the catalog says the entities come from: the Audience Syncs backend, not a file. */
const LOCATION = `audience-syncs:${PROVIDER_NAME}`;

/** What differs between an audience's and a destination's entity. */
export interface ResourceEntityFields {
  name: string;
  title: string;
  description?: string;
  type: string;
  /** Absent or blank falls back to the configured owner. */
  owner?: string;
  annotations: Record<string, string>;
  /** Free text, turned into valid catalog tags. */
  tags: string[];
  /** Search parameters of the Audience Syncs list page that show this resource's syncs. */
  syncsFilter: Record<string, string>;
  syncsLinkTitle: string;
}

/** A `kind: Resource` entity of the Audience Syncs provider; valid for any title, description and tags. */
export function resourceEntity(
  fields: ResourceEntityFields,
  defaults: EntityDefaults,
): Entity {
  const title = fields.title.trim();
  const description = fields.description?.trim();
  const tags = new Set(fields.tags.map(toTag).filter(t => t !== undefined));
  const appBaseUrl = defaults.appBaseUrl?.replace(/\/+$/, '');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: fields.name,
      // The catalog refuses empty titles; the name then shows instead.
      ...(title ? { title } : {}),
      ...(description ? { description } : {}),
      annotations: {
        [ANNOTATION_LOCATION]: LOCATION,
        [ANNOTATION_ORIGIN_LOCATION]: LOCATION,
        ...fields.annotations,
      },
      tags: [...tags],
      // Link URLs must be absolute, so without the portal's address there is no link.
      ...(appBaseUrl
        ? {
            links: [
              {
                url: `${appBaseUrl}/audience-syncs?${new URLSearchParams(
                  fields.syncsFilter,
                )}`,
                title: fields.syncsLinkTitle,
                icon: 'dashboard',
              },
            ],
          }
        : {}),
    },
    spec: {
      type: fields.type,
      owner: fields.owner?.trim() || defaults.owner,
      lifecycle: defaults.lifecycle,
      ...(defaults.system ? { system: defaults.system } : {}),
    },
  };
}
