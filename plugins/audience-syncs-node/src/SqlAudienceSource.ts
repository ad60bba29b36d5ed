import { EntityKey } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Knex } from 'knex';
import {
  AudienceDefinition,
  AudienceMember,
  AudienceSource,
} from './audiences';
import { streamWarehouseRows } from './warehouse/streamWarehouseRows';
import { WarehouseQueryError } from './warehouse/WarehouseQueryError';

/**
 * How long an audience's query may run unless its source or the audience says otherwise.
 *
 * @public
 */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/**
 * An audience defined as a SQL query that returns one row per member.
 *
 * @public
 */
export interface SqlAudienceDefinition extends AudienceDefinition {
  /** The entity-key column whose value is unique per member. */
  memberKey: EntityKey;
  /** Returns the entity-key columns, then the trait and attribute columns, by their names. */
  sql: string;
  /** Overrides the source's statement timeout for this audience. */
  statementTimeoutMs?: number;
}

/**
 * An audience source over a database reached through Knex: each audience is a query, streamed at every
 * evaluation, read-only and within its statement timeout (see streamWarehouseRows). The plugin builds one
 * from `audienceSyncs.audiences`; a module can build one from audiences it defines in code.
 *
 * @public
 */
export class SqlAudienceSource implements AudienceSource {
  readonly id: string;
  readonly #warehouse: Knex;
  readonly #audiences: Map<string, SqlAudienceDefinition>;
  readonly #statementTimeoutMs: number;

  /**
   * `id` names the source in errors, e.g. when two sources define one audience id. `statementTimeoutMs`
   * bounds each audience's query from its start to its last row (default 10 minutes).
   */
  static create(options: {
    id: string;
    warehouse: Knex;
    audiences: readonly SqlAudienceDefinition[];
    statementTimeoutMs?: number;
  }): SqlAudienceSource {
    return new SqlAudienceSource(
      options.id,
      options.warehouse,
      options.audiences,
      options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    );
  }

  private constructor(
    id: string,
    warehouse: Knex,
    audiences: readonly SqlAudienceDefinition[],
    statementTimeoutMs: number,
  ) {
    this.id = id;
    this.#warehouse = warehouse;
    this.#audiences = new Map(audiences.map(a => [a.id, a]));
    this.#statementTimeoutMs = statementTimeoutMs;
  }

  async listAudiences(): Promise<AudienceDefinition[]> {
    return [...this.#audiences.values()].map(
      ({ sql, memberKey, statementTimeoutMs, ...definition }) => definition,
    );
  }

  async *evaluate(audienceId: string): AsyncIterable<AudienceMember> {
    const audience = this.#audiences.get(audienceId);
    if (!audience) throw new Error(`Unknown audience '${audienceId}'`);
    const fieldNames = [...audience.traits, ...audience.attributes];
    const columns = [...audience.entityKeys, ...fieldNames];
    const batches = streamWarehouseRows(this.#warehouse, {
      sql: audience.sql,
      timeoutMs: audience.statementTimeoutMs ?? this.#statementTimeoutMs,
    });
    let checked = false;
    try {
      for await (const rows of batches) {
        for (const row of rows) {
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
          if (
            memberKey === null ||
            memberKey === undefined ||
            memberKey === ''
          ) {
            throw new Error(
              `The query of audience '${audienceId}' returned a row without its member key '${audience.memberKey}'`,
            );
          }
          yield toMember(
            String(memberKey),
            row,
            audience.entityKeys,
            fieldNames,
          );
        }
      }
    } catch (error) {
      if (error instanceof WarehouseQueryError) {
        throw new Error(`Audience '${audienceId}': ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}

/** A row as a member: keys as text, fields as the warehouse gave them (plain loops: it runs per row). */
function toMember(
  memberKey: string,
  row: Record<string, unknown>,
  entityKeys: readonly EntityKey[],
  fieldNames: readonly string[],
): AudienceMember {
  const keys: AudienceMember['keys'] = {};
  for (const key of entityKeys) {
    const value = row[key];
    keys[key] = value === null || value === undefined ? null : String(value);
  }
  const fields: AudienceMember['fields'] = {};
  for (const name of fieldNames) fields[name] = row[name];
  return { memberKey, keys, fields };
}
