import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AudienceDefinition,
  AudienceMember,
  AudienceSource,
} from '@internal/plugin-audience-syncs-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import { generateDemoWarehouse } from './demo/generateDemoWarehouse';
import {
  readSqlAudiencesConfig,
  readWarehouseConfig,
  SqlAudienceConfig,
} from './readSqlAudiencesConfig';

/**
 * The built-in audience source: audiences defined in config as SQL over a warehouse reached through Knex.
 * Each query returns one row per member, with the entity keys, traits and attributes as columns.
 */
export class SqlAudienceSource implements AudienceSource {
  readonly id = 'sql';
  readonly #warehouse: Knex;
  readonly #audiences: Map<string, SqlAudienceConfig>;

  /** Undefined when config defines no SQL audiences. */
  static async fromConfig(
    config: Config,
    options: { logger: LoggerService },
  ): Promise<SqlAudienceSource | undefined> {
    const audiences = readSqlAudiencesConfig(config);
    const warehouse = readWarehouseConfig(config);
    if (audiences.length === 0) return undefined;
    if (!warehouse) {
      throw new Error(
        'Invalid audience configuration: audienceSyncs.warehouse is required when audienceSyncs.audiences is set',
      );
    }
    ensureSqliteFolder(warehouse.knexConfig);
    const knex = knexFactory(warehouse.knexConfig as Knex.Config);
    if (warehouse.demo) {
      const result = await generateDemoWarehouse(knex);
      if (result.created) {
        options.logger.info(
          `Generated the demo warehouse with ${result.customers} customers`,
        );
      }
    }
    return new SqlAudienceSource(knex, audiences);
  }

  static fromKnex(warehouse: Knex, audiences: SqlAudienceConfig[]) {
    return new SqlAudienceSource(warehouse, audiences);
  }

  private constructor(warehouse: Knex, audiences: SqlAudienceConfig[]) {
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

/** better-sqlite3 creates the file but not its folder. */
function ensureSqliteFolder(config: { client: string; connection: unknown }) {
  const filename = (config.connection as { filename?: string })?.filename;
  if (config.client.includes('sqlite') && filename && filename !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  }
}
