import {
  AudienceDefinition,
  EntityKey,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

export type { AudienceDefinition };

/**
 * One member of an evaluated audience.
 *
 * @public
 */
export interface AudienceMember {
  /** Unique within the audience; the value of its member-key column. */
  memberKey: string;
  keys: Partial<Record<EntityKey, string | null>>;
  /** Trait and attribute values by name. */
  fields: Record<string, unknown>;
}

/**
 * Defines audiences and evaluates them; added through the audience-sources extension point.
 *
 * @public
 */
export interface AudienceSource {
  /** Identifies the source in logs and errors. */
  readonly id: string;
  listAudiences(): Promise<AudienceDefinition[]>;
  /** Streams the current members of one audience; each member key at most once. */
  evaluate(audienceId: string): AsyncIterable<AudienceMember>;
}
