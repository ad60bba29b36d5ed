import { EntityKey, Schedule } from '@internal/plugin-audience-syncs-common';

/** One member of an evaluated audience. */
export interface AudienceMember {
  /** Unique within the audience; the value of its member-key column. */
  memberKey: string;
  keys: Partial<Record<EntityKey, string | null>>;
  /** Trait and attribute values by name. */
  fields: Record<string, unknown>;
}

/** What an audience source declares about one audience. */
export interface AudienceDefinition {
  id: string;
  name: string;
  description?: string;
  entityType: string;
  owner: string;
  entityKeys: EntityKey[];
  traits: string[];
  attributes: string[];
  evaluationSchedule: Schedule;
}

/** Defines audiences and evaluates them; added through the audience-sources extension point. */
export interface AudienceSource {
  /** Identifies the source in logs and errors. */
  readonly id: string;
  listAudiences(): Promise<AudienceDefinition[]>;
  /** Streams the current members of one audience; each member key at most once. */
  evaluate(audienceId: string): AsyncIterable<AudienceMember>;
}
