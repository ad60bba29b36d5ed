import { EntityKey } from '@internal/plugin-audience-syncs-common';
import { Knex } from 'knex';
import {
  AudienceDefinition,
  AudienceMember,
  AudienceSource,
} from './audiences';

/** An audience defined as a SQL query that returns one row per member. */
export interface SqlAudienceDefinition extends AudienceDefinition {
  /** The entity-key column whose value is unique per member. */
  memberKey: EntityKey;
  /** Returns the entity-key columns, then the trait and attribute columns, by their names. */
  sql: string;
}

/**
 * An audience source over a database reached through Knex: each audience is a query, streamed at every
 * evaluation. The plugin builds one from `audienceSyncs.audiences`; a module can build one from audiences
 * it defines in code.
 */
export class SqlAudienceSource implements AudienceSource {
  readonly id: string;
  readonly #warehouse: Knex;
  readonly #audiences: Map<string, SqlAudienceDefinition>;

  /** `id` names the source in errors, e.g. when two sources define one audience id. */
  static create(options: {
    id: string;
    warehouse: Knex;
    audiences: readonly SqlAudienceDefinition[];
  }): SqlAudienceSource {
    return new SqlAudienceSource(
      options.id,
      options.warehouse,
      options.audiences,
    );
  }

  private constructor(
    id: string,
    warehouse: Knex,
    audiences: readonly SqlAudienceDefinition[],
  ) {
    this.id = id;
    this.#warehouse = warehouse;
    this.#audiences = new Map(audiences.map(a => [a.id, a]));
  }

  async listAudiences(): Promise<AudienceDefinition[]> {
    return [...this.#audiences.values()].map(
      ({ sql, memberKey, ...definition }) => definition,
    );
  }

  async *evaluate(audienceId: string): AsyncIterable<AudienceMember> {
    const audience = this.#audiences.get(audienceId);
    if (!audience) throw new Error(`Unknown audience '${audienceId}'`);
    const fieldNames = [...audience.traits, ...audience.attributes];
    const columns = [...audience.entityKeys, ...fieldNames];
    // Streamed, so memory stays flat however large the audience is.
    const rows = this.#warehouse
      .select('*')
      .from(this.#warehouse.raw(`(${audience.sql}) as audience`))
      .stream();
    let checked = false;
    for await (const row of rows as AsyncIterable<Record<string, unknown>>) {
      if (!checked) {
        const missing = columns.filter(c => !(c in row));
        if (missing.length > 0) {
          throw new Error(
            `The query of audience '${audienceId}' returns no column ${missing.join(
              ', ',
            )}`,
          );
        }
        checked = true;
      }
      const memberKey = row[audience.memberKey];
      if (memberKey === null || memberKey === undefined || memberKey === '') {
        throw new Error(
          `The query of audience '${audienceId}' returned a row without its member key '${audience.memberKey}'`,
        );
      }
      yield {
        memberKey: String(memberKey),
        keys: Object.fromEntries(
          audience.entityKeys.map(key => [key, asText(row[key])]),
        ),
        fields: Object.fromEntries(fieldNames.map(name => [name, row[name]])),
      };
    }
  }
}

function asText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
