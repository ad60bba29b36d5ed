import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DestinationCapabilities,
  DestinationFieldSchema,
  DestinationObject,
  ENTITY_KEYS,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationConnectContext,
  DestinationError,
  DestinationMember,
  PreparedRow,
  preparedRow,
  PrepareResult,
  RowRejection,
  scrubSecrets,
  secretSettingValues,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import {
  driverMessage,
  isRowError,
  toDestinationError,
} from './databaseErrors';
import {
  warehouseTableSettings,
  WarehouseTableSettings,
} from './warehouseTableSettings';
import { fieldTypeOfColumn } from './fieldTypeOfColumn';
import { readWarehouseMembers } from './readWarehouseMembers';

const IDENTIFIER_LABELS = {
  email: 'Email',
  phone: 'Phone Number',
  user_id: 'External ID',
  device_id: 'Mobile Advertising ID',
} as const;

/** Bound values per statement, under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_BINDINGS = 30_000;
/** Rows per insert: Knex writes SQLite multi-row inserts as a compound SELECT, limited to 500 terms. */
const MAX_ROWS_PER_INSERT = 500;

/**
 * One table in a warehouse, reached through Knex: a row per member of an object, keyed by
 * (`keyColumn`, `objectColumn`). Adds and updates upsert rows with the mapped fields in their own columns;
 * removes delete rows. Field columns must exist (or be declared for `createTable`): a sync never changes
 * the table's schema, and a mapping to a missing column fails the batch naming the column. Each batch is
 * one transaction; a row the database refuses (a value its column cannot take) is rejected alone.
 */
export class WarehouseTableClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities;
  readonly #settings: WarehouseTableSettings;
  readonly #knex: Knex;
  readonly #ownsKnex: boolean;
  readonly #secrets: string[];
  /** The table's columns once it is known to exist; cleared on failure so the next call checks again. */
  #columns: Promise<Set<string>> | undefined;
  /** Objects created in this process that hold no rows yet. */
  readonly #created = new Map<string, string>();

  static create({
    settings,
    secrets,
    logger,
  }: DestinationConnectContext<WarehouseTableSettings>) {
    ensureSqliteFolder(settings);
    const log = (level: 'warn' | 'error' | 'debug') => (message: unknown) =>
      logger[level](scrubSecrets(driverMessage(message), secrets));
    const knex = knexFactory({
      ...(settings.knexConfig as Knex.Config),
      useNullAsDefault: true,
      pool: { min: 0, max: 4 },
      acquireConnectionTimeout: settings.timeoutMs,
      // Errors quote the SQL without the rows' values.
      compileSqlOnError: false,
      log: {
        warn: log('warn'),
        error: log('error'),
        deprecate: log('warn'),
        debug: log('debug'),
      },
    });
    return new WarehouseTableClient(settings, secrets, knex, true);
  }

  /** A client over a Knex the caller owns (and destroys). */
  static fromKnex(knex: Knex, settings: Config) {
    return new WarehouseTableClient(
      warehouseTableSettings.read(settings),
      secretSettingValues(settings, warehouseTableSettings.secretKeys),
      knex,
      false,
    );
  }

  private constructor(
    settings: WarehouseTableSettings,
    secrets: string[],
    knex: Knex,
    ownsKnex: boolean,
  ) {
    this.#settings = settings;
    this.#knex = knex;
    this.#ownsKnex = ownsKnex;
    this.#secrets = secrets;
    this.capabilities = {
      supportsAudienceSyncs: true,
      objectLabel: 'Object ID',
      identifierFields: ENTITY_KEYS.map(key => ({
        field: key,
        label: IDENTIFIER_LABELS[key],
        entityKeys: [key],
        hashed: false,
      })),
      additionalFields: 'any',
      canCreateObjects: true,
      canReadMembers: true,
      batchSize: settings.batchSize,
    };
  }

  /** The configured objects, the ones created here, then every object id the table holds. */
  async listObjects(): Promise<DestinationObject[]> {
    await this.#ready();
    const { objectColumn } = this.#settings;
    const held = await this.#run(() =>
      this.#table()
        .distinct(objectColumn)
        .orderBy(objectColumn)
        .then(rows => rows.map(r => String(r[objectColumn]))),
    );
    const objects = new Map<string, string>([
      ...this.#settings.objects.map(o => [o.id, o.name] as const),
      ...this.#created,
    ]);
    for (const id of held) if (!objects.has(id)) objects.set(id, id);
    return [...objects].map(([id, name]) => ({ id, name }));
  }

  /** A new object id from the name (lower-case words joined by hyphens); refused when already in use. */
  async createObject(name: string): Promise<DestinationObject> {
    const id = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 255);
    if (!id) {
      throw new InputError(
        `name: '${name}' has no letters or digits to make an object id of`,
      );
    }
    if ((await this.listObjects()).some(o => o.id === id)) {
      throw new InputError(
        `name: the table ${
          this.#settings.table
        } already has object '${id}'; select it instead`,
      );
    }
    this.#created.set(id, name);
    return { id, name };
  }

  /**
   * The table's columns besides its key, object and synced-at ones, read from the database, each typed by
   * its SQL type; required where it is NOT NULL without a default.
   */
  async describeFields(): Promise<DestinationFieldSchema> {
    await this.#ready();
    const info = await this.#run(() => this.#table().columnInfo());
    const { keyColumn, objectColumn, syncedAtColumn } = this.#settings;
    const own = [keyColumn, objectColumn, syncedAtColumn];
    return {
      acceptsAnyField: false,
      fields: Object.entries(info)
        .filter(([name]) => !own.includes(name))
        .map(([name, column]) => ({
          name,
          label: name,
          type: fieldTypeOfColumn(column.type),
          required: !column.nullable && column.defaultValue === null,
        })),
    };
  }

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    const { entityKey } = target.identifier;
    const value = member.keys[entityKey]?.trim();
    if (!value) {
      return {
        ok: false,
        code: 'missing_identifier',
        reason: `The member has no ${entityKey}`,
      };
    }
    const { keyColumn, objectColumn, syncedAtColumn } = this.#settings;
    for (const { destinationField } of target.fieldMappings) {
      if (
        [keyColumn, objectColumn, syncedAtColumn].includes(destinationField)
      ) {
        return {
          ok: false,
          code: 'invalid_field_mapping',
          reason: `'${destinationField}' is the table's key, object or synced-at column and cannot take a field`,
        };
      }
    }
    return preparedRow(member, target, value);
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    if (request.rows.length === 0) return { rejected: [] };
    if (request.signal?.aborted) {
      throw new DestinationError({
        message: 'The batch was cancelled',
        code: 'aborted',
        retryable: false,
      });
    }
    const columns = await this.#ready();
    if (request.operation === 'remove') {
      await this.#run(() => this.#delete(request));
      return { rejected: [] };
    }
    if (
      request.operation === 'update' &&
      request.target.fieldMappings.length === 0
    ) {
      return { rejected: [] };
    }
    const fieldColumns = await this.#fieldColumns(request.target, columns);
    const records = request.rows.map(row =>
      this.#record(request, row, fieldColumns, columns),
    );
    const merge = [
      ...fieldColumns,
      ...(columns.has(this.#settings.syncedAtColumn)
        ? [this.#settings.syncedAtColumn]
        : []),
    ];
    try {
      await this.#knex.transaction(trx => this.#upsert(trx, records, merge));
      return { rejected: [] };
    } catch (error) {
      if (!isRowError(error)) throw this.#error(error);
    }
    // Some value was refused: write row by row, each behind a savepoint, to reject only the bad ones.
    const rejected: RowRejection[] = [];
    await this.#run(() =>
      this.#knex.transaction(async trx => {
        for (const [index, record] of records.entries()) {
          try {
            await trx.transaction(savepoint =>
              this.#upsert(savepoint, [record], merge),
            );
          } catch (error) {
            if (!isRowError(error)) throw error;
            rejected.push({
              memberKey: request.rows[index].memberKey,
              code: 'value_refused',
              message: `The database refused the row: ${scrubSecrets(
                driverMessage(error),
                this.#secrets,
              )}`,
              retryable: false,
            });
          }
        }
      }),
    );
    return { rejected };
  }

  /** The object's rows by key, in key order, `batchSize` rows a page (see `readWarehouseMembers`). */
  async *readMembers(
    target: SyncTarget,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<DestinationMember[]> {
    await this.#ready();
    const { keyColumn, objectColumn } = this.#settings;
    yield* readWarehouseMembers({
      pageSize: this.#settings.batchSize,
      page: (after, limit) =>
        this.#run(async () => {
          const query = this.#table()
            .select(keyColumn)
            .where(objectColumn, target.object.id)
            .orderBy(keyColumn)
            .limit(limit);
          if (after !== undefined) query.andWhere(keyColumn, '>', after);
          const found = await query;
          return found.map(r => String(r[keyColumn]));
        }),
      signal: options.signal,
    });
  }

  /** Closes the connection pool, when this client opened it. */
  async destroy(): Promise<void> {
    if (this.#ownsKnex) await this.#knex.destroy();
  }

  async #upsert(
    trx: Knex.Transaction,
    records: Record<string, unknown>[],
    merge: string[],
  ): Promise<void> {
    const { keyColumn, objectColumn } = this.#settings;
    const perRecord = Object.keys(records[0]).length;
    const size = Math.max(
      1,
      Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_BINDINGS / perRecord)),
    );
    for (let i = 0; i < records.length; i += size) {
      const insert = this.#table(trx)
        .insert(records.slice(i, i + size))
        .onConflict([keyColumn, objectColumn]);
      await (merge.length > 0 ? insert.merge(merge) : insert.ignore());
    }
  }

  async #delete(request: BatchRequest): Promise<void> {
    const { keyColumn, objectColumn } = this.#settings;
    const keys = [...new Set(request.rows.map(r => r.identifier))];
    await this.#knex.transaction(async trx => {
      for (let i = 0; i < keys.length; i += MAX_BINDINGS) {
        await this.#table(trx)
          .where(objectColumn, request.target.object.id)
          .whereIn(keyColumn, keys.slice(i, i + MAX_BINDINGS))
          .delete();
      }
    });
  }

  #record(
    request: BatchRequest,
    row: PreparedRow,
    fieldColumns: string[],
    columns: Set<string>,
  ): Record<string, unknown> {
    const { keyColumn, objectColumn, syncedAtColumn } = this.#settings;
    const record: Record<string, unknown> = {
      [keyColumn]: row.identifier,
      [objectColumn]: request.target.object.id,
    };
    for (const column of fieldColumns) {
      record[column] = columnValue(row.fields[column]);
    }
    if (columns.has(syncedAtColumn)) {
      record[syncedAtColumn] = new Date().toISOString();
    }
    return record;
  }

  /** The mapped fields' columns; fails the batch, naming them, when the table lacks any. */
  async #fieldColumns(
    target: SyncTarget,
    known: Set<string>,
  ): Promise<string[]> {
    const wanted = [
      ...new Set(target.fieldMappings.map(m => m.destinationField)),
    ];
    let columns = known;
    if (wanted.some(c => !columns.has(c))) {
      // A column may have been added since the table was first read.
      this.#columns = undefined;
      columns = await this.#ready();
    }
    const missing = wanted.filter(c => !columns.has(c));
    if (missing.length > 0) {
      throw new DestinationError({
        message: `The table ${this.#settings.table} has no column ${missing
          .map(c => `'${c}'`)
          .join(', ')} for the sync's field mappings (it has ${[
          ...columns,
        ].join(', ')}); add the column, or change the mapping`,
        code: 'missing_column',
        retryable: false,
      });
    }
    return wanted;
  }

  /** The table's columns, creating the table first where allowed. */
  #ready(): Promise<Set<string>> {
    this.#columns ??= this.#run(() => this.#readColumns()).catch(error => {
      this.#columns = undefined;
      throw error;
    });
    return this.#columns;
  }

  async #readColumns(): Promise<Set<string>> {
    const { schema, table, createTable } = this.#settings;
    const builder = () =>
      schema ? this.#knex.schema.withSchema(schema) : this.#knex.schema;
    if (!(await builder().hasTable(table))) {
      if (!createTable) {
        throw new DestinationError({
          message: `The table ${table} does not exist: create it, or set the destination's createTable: true`,
          code: 'table_not_found',
          retryable: false,
        });
      }
      await this.#createTable().catch(async error => {
        // Another replica may have created it at the same moment.
        if (!(await builder().hasTable(table))) throw error;
      });
    }
    const info = await this.#table().columnInfo();
    return new Set(Object.keys(info));
  }

  async #createTable(): Promise<void> {
    const { schema, table, keyColumn, objectColumn, syncedAtColumn, columns } =
      this.#settings;
    const builder = schema
      ? this.#knex.schema.withSchema(schema)
      : this.#knex.schema;
    await builder.createTable(table, t => {
      t.string(keyColumn, 255).notNullable();
      t.string(objectColumn, 255).notNullable();
      t.timestamp(syncedAtColumn, { useTz: true }).notNullable();
      for (const column of columns) {
        if (column.type === 'string') t.string(column.name, 255);
        else if (column.type === 'decimal') t.decimal(column.name, 18, 4);
        else t[column.type](column.name);
      }
      t.primary([keyColumn, objectColumn]);
    });
  }

  #table(trx: Knex | Knex.Transaction = this.#knex) {
    const { schema, table } = this.#settings;
    return schema ? trx(table).withSchema(schema) : trx(table);
  }

  /** Runs database work, turning its failures into destination errors. */
  async #run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.#error(error);
    }
  }

  #error(error: unknown): DestinationError {
    const { table, keyColumn, objectColumn } = this.#settings;
    const failure =
      error instanceof DestinationError
        ? error
        : toDestinationError(error, {
            table,
            key: keyColumn,
            object: objectColumn,
            secrets: this.#secrets,
          });
    if (failure.code === 'table_not_found') {
      // Dropped since it was read: look (and maybe create) again next time.
      this.#columns = undefined;
    }
    return failure;
  }
}

/** Objects and arrays as JSON text (drivers would otherwise make arrays SQL arrays); the rest as given. */
function columnValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

/** better-sqlite3 creates the file but not its folder; with createTable, the folder is made too. */
function ensureSqliteFolder(settings: WarehouseTableSettings) {
  const { client, connection } = settings.knexConfig;
  const filename = (connection as { filename?: unknown })?.filename;
  if (
    settings.createTable &&
    client.includes('sqlite') &&
    typeof filename === 'string' &&
    filename !== ':memory:'
  ) {
    fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  }
}
