/* eslint-disable jest/no-export -- a shared suite: it exports the function that declares the tests */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  DESTINATION_FIELD_TYPES,
  DestinationFieldSchema,
  DestinationFieldType,
  DestinationObject,
  FieldMapping,
  IdentifierMapping,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceMember } from '../audiences';
import {
  BatchOperation,
  DestinationClient,
  DestinationConnector,
  DestinationError,
  PreparedRow,
} from '../connectors';
import { secretSettingValues } from '../settings/secretSettingValues';
import { RecordingLogger } from './RecordingLogger';

/** A value of each type as a warehouse may hold it: text that preparation converts to the field's type. */
const SAMPLE_VALUES: Record<DestinationFieldType, unknown> = {
  string: 'Conformance',
  number: '42.5',
  boolean: 'true',
  date: '2024-03-05T10:15:00Z',
  datetime: '2024-03-05 10:15:00',
};

/**
 * What the suite needs of a vendor emulator, or of a small loopback fake of the vendor: real sockets at
 * `url`, read-back of applied members, and the controls that make throttling testable.
 *
 * @public
 */
export interface ConformanceEmulator {
  readonly url: string;
  /** Identifiers applied in the object, sorted. */
  members(objectId: string): string[];
  /** Applies accepted changes (vendors that accept first and apply later). */
  flush(): number;
  setRateLimit(limit: { requests: number; perSeconds: number } | null): void;
  /** Moves the emulator's clock on, for waits too long to sit through (Meta reports whole minutes). */
  advanceClock(ms: number): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * What the conformance suite needs to know about a connector and its vendor.
 *
 * @public
 */
export interface ConnectorConformanceOptions<E extends ConformanceEmulator> {
  /** The connector under test (`createDestinationConnector` makes one). */
  connector: DestinationConnector;
  startEmulator: () => Promise<E>;
  /** Destination settings that reach the emulator with valid credentials. */
  settings: (emulator: E) => JsonObject;
  /** Settings with credentials the emulator refuses; the error must name `setting` and never show `secret`. */
  wrongCredentials: {
    settings: (emulator: E) => JsonObject;
    setting: string;
    secret: string;
  };
  /** The identifier mapping of the sync under test, e.g. `{ entityKey: 'email', field: 'EMAIL' }`. */
  identifier: IdentifierMapping;
  /**
   * A member the connector can prepare; distinct for each index. Default: `member-<index>` with the email
   * ` Member.<index>@Example.com `, spaced and capitalized, so that preparing must normalize it.
   */
  member?: (index: number) => AudienceMember;
  /** A row that passes the client but that the vendor refuses (e.g. an identifier in the wrong format). */
  refusedRow: (index: number) => PreparedRow;
  /** The identifier the emulator reads back for a sent row. Default: the row's identifier. */
  readBackOf?: (row: PreparedRow) => string;
  /** The object to fill when the connector cannot create one. */
  object?: DestinationObject;
  /** The connector lists objects from its settings, so only sending can reveal bad credentials. */
  objectsFromSettings?: boolean;
  /**
   * Vendor requests one add batch takes (e.g. upsert the contacts, then add them to the list). The
   * throttling test budgets one batch a second, which is this many requests a second. Default 1.
   */
  requestsPerBatch?: number;
  /**
   * For a connector that describes a fixed set of fields: the described fields the suite writes a value
   * of their type to (fields with a meaning of their own, an email or a record id, are better left out).
   * Leave it out where `describeFields` answers `acceptsAnyField` or the connector takes no fields.
   */
  fieldsToWrite?: string[];
}

/**
 * Declares the tests every destination connector must pass against its vendor's emulator, over real
 * sockets: adds, removes, idempotent re-adds and removes of non-members, a full batch of the declared size
 * accepted where one more row is refused by the vendor, per-row failures mapped to their members,
 * throttling survived after the wait the vendor asked for, wrong credentials failing clearly, the
 * membership read back through the emulator, and the described fields: each written field taken by the
 * vendor once converted to its type, an undescribed one refused, or any name taken where the connector
 * says so. Throughout, the values of the connector's secret settings
 * must appear in no error and no log line.
 *
 * @public
 */
export function describeConnectorConformance<E extends ConformanceEmulator>(
  name: string,
  options: ConnectorConformanceOptions<E>,
): void {
  describe(`${name} conformance`, () => {
    const readBackOf =
      options.readBackOf ?? ((row: PreparedRow) => row.identifier);
    const member = options.member ?? emailMember;
    let emulator: E;
    let logger: RecordingLogger;
    let client: DestinationClient;
    let object: DestinationObject;
    let objects = 0;

    beforeAll(async () => {
      emulator = await options.startEmulator();
    });

    afterAll(async () => {
      await emulator?.close();
    });

    beforeEach(async () => {
      emulator.reset();
      logger = new RecordingLogger();
      client = await connect(options.settings(emulator), logger);
      objects += 1;
      if (client.createObject) {
        object = await client.createObject(`Conformance ${objects}`);
      } else if (options.object) {
        object = options.object;
      } else {
        throw new Error('The connector creates no objects: pass `object`');
      }
    });

    afterEach(() => {
      // Connectors may log, but never a credential, right or wrong.
      const logged = logger.lines.join('\n');
      for (const credential of credentials()) {
        if (logged.includes(credential)) {
          throw new Error(
            `The connector logged a credential (${options.wrongCredentials.setting} or another secret setting)`,
          );
        }
      }
    });

    /** The values of every secret setting, of the right settings and the wrong ones. */
    function credentials(): string[] {
      const keys = options.connector.secretKeys ?? [];
      return [
        options.wrongCredentials.secret,
        ...[options.settings, options.wrongCredentials.settings].flatMap(
          settings =>
            secretSettingValues(new ConfigReader(settings(emulator)), keys),
        ),
      ];
    }

    async function connect(settings: JsonObject, log: LoggerService) {
      return options.connector.connect(
        {
          id: 'conformance',
          type: options.connector.type,
          name: 'Conformance',
          owner: 'group:default/conformance',
          settings: new ConfigReader(settings),
        },
        { logger: log },
      );
    }

    function prepared(from: number, count: number): PreparedRow[] {
      const target = {
        object,
        identifier: options.identifier,
        fieldMappings: [],
      };
      return Array.from({ length: count }, (_, i) => {
        const result = client.prepare(member(from + i), target);
        if (!result.ok) {
          throw new Error(
            `member(${from + i}) could not be prepared: ${result.reason}`,
          );
        }
        return result.row;
      });
    }

    function send(operation: BatchOperation, rows: PreparedRow[]) {
      return client.applyBatch({
        operation,
        target: { object, identifier: options.identifier, fieldMappings: [] },
        rows,
      });
    }

    function readBack(): string[] {
      emulator.flush();
      return emulator.members(object.id);
    }

    function expected(rows: PreparedRow[]): string[] {
      return [...new Set(rows.map(readBackOf))].sort();
    }

    async function failure(
      promise: Promise<unknown>,
    ): Promise<DestinationError> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DestinationError);
      for (const credential of credentials()) {
        expect((error as Error).message).not.toContain(credential);
      }
      return error as DestinationError;
    }

    it('declares the setting that holds its credentials as a secret', () => {
      expect(options.connector.secretKeys).toContain(
        options.wrongCredentials.setting,
      );
    });

    it('offers the identifier field the sync maps, and a vendor batch size', () => {
      const field = client.capabilities.identifierFields.find(
        f => f.field === options.identifier.field,
      );
      expect(field?.entityKeys).toContain(options.identifier.entityKey);
      expect(client.capabilities.batchSize).toBeGreaterThan(0);
    });

    it('adds members', async () => {
      const rows = prepared(0, 3);
      await expect(send('add', rows)).resolves.toEqual({ rejected: [] });
      expect(readBack()).toEqual(expected(rows));
    });

    it('removes members', async () => {
      const rows = prepared(0, 3);
      await send('add', rows);
      await expect(send('remove', rows.slice(1))).resolves.toEqual({
        rejected: [],
      });
      expect(readBack()).toEqual(expected(rows.slice(0, 1)));
    });

    it('re-adds members without error or duplicates', async () => {
      const rows = prepared(0, 3);
      await send('add', rows);
      await expect(send('add', rows)).resolves.toEqual({ rejected: [] });
      await expect(send('add', rows.slice(0, 2))).resolves.toEqual({
        rejected: [],
      });
      expect(readBack()).toEqual(expected(rows));
    });

    it('removes non-members without error', async () => {
      const members = prepared(0, 2);
      await send('add', members);
      await expect(send('remove', prepared(10, 2))).resolves.toEqual({
        rejected: [],
      });
      expect(readBack()).toEqual(expected(members));
    });

    it('reads back the membership a sequence of batches leaves', async () => {
      const [a, b, c, d, e] = prepared(0, 5);
      await send('add', [a, b, c]);
      await send('remove', [b]);
      await send('add', [d]);
      await send('remove', [e]);
      await send('add', [b]);
      await send('remove', [a]);
      expect(readBack()).toEqual(expected([b, c, d]));
    });

    /** What `readMembers` streams, sorted; undefined for a connector that cannot read members back. */
    async function readMembersBack(): Promise<string[] | undefined> {
      if (!client.readMembers) return undefined;
      emulator.flush();
      const identifiers: string[] = [];
      const target = {
        object,
        identifier: options.identifier,
        fieldMappings: [],
      };
      for await (const page of client.readMembers(target)) {
        identifiers.push(...page.map(m => m.identifier));
      }
      return identifiers.sort();
    }

    it('can read members back exactly when it says so', () => {
      // Left out, the capability means "cannot": a connector written before it existed has no readMembers.
      expect(typeof client.readMembers === 'function').toBe(
        client.capabilities.canReadMembers === true,
      );
    });

    it('reads back exactly the identifiers it sent, as prepare made them', async () => {
      const [a, b, c, d] = prepared(0, 4);
      await send('add', [a, b, c]);
      await send('remove', [b]);
      await send('add', [d]);
      const sent = [...new Set([a, c, d].map(r => r.identifier))].sort();
      expect(await readMembersBack()).toEqual(
        client.capabilities.canReadMembers === true ? sent : undefined,
      );
    });

    it('sends a batch of exactly batchSize rows, while the vendor refuses batchSize + 1', async () => {
      const { batchSize } = client.capabilities;
      const rows = prepared(0, batchSize + 1);
      await expect(send('add', rows.slice(0, batchSize))).resolves.toEqual({
        rejected: [],
      });
      const error = await failure(send('add', rows));
      expect(error.retryable).toBe(false);
      expect(readBack()).toEqual(expected(rows.slice(0, batchSize)));
    }, 30_000);

    it('maps rows the vendor refuses to their members and applies the rest', async () => {
      const [a, b] = prepared(0, 2);
      const refused = [options.refusedRow(0), options.refusedRow(1)];
      const result = await send('add', [refused[0], a, refused[1], b]);
      expect(result.rejected.map(r => r.memberKey).sort()).toEqual(
        refused.map(r => r.memberKey).sort(),
      );
      for (const rejection of result.rejected) {
        expect(rejection.code).toEqual(expect.any(String));
        expect(rejection.message).toEqual(expect.any(String));
        expect(rejection.retryable).toBe(false);
      }
      expect(readBack()).toEqual(expected([a, b]));
    });

    it('surfaces throttling with the wait the vendor asks for, after which the retry succeeds', async () => {
      const [a, b] = prepared(0, 2);
      emulator.setRateLimit({
        requests: options.requestsPerBatch ?? 1,
        perSeconds: 1,
      });
      await send('add', [a]);

      const error = await failure(send('add', [b]));
      expect(error.throttled).toBe(true);
      expect(error.retryable).toBe(true);
      expect(error.retryAfterMs).toBeGreaterThan(0);

      await waitOnEmulator(emulator, error.retryAfterMs!);
      await expect(send('add', [b])).resolves.toEqual({ rejected: [] });
      expect(readBack()).toEqual(expected([a, b]));
    });

    it('fails clearly and for good on wrong credentials, without showing them', async () => {
      const wrong = await connect(
        options.wrongCredentials.settings(emulator),
        logger,
      );
      const attempts = [
        ...(options.objectsFromSettings ? [] : [() => wrong.listObjects()]),
        () =>
          wrong.applyBatch({
            operation: 'add',
            target: {
              object,
              identifier: options.identifier,
              fieldMappings: [],
            },
            rows: prepared(0, 1),
          }),
      ];
      for (const attempt of attempts) {
        const error = await failure(attempt());
        expect(error.retryable).toBe(false);
        expect(error.throttled).toBe(false);
        expect(error.message).toContain(options.wrongCredentials.setting);
        expect(error.message).not.toContain(options.wrongCredentials.secret);
      }
      expect(readBack()).toEqual([]);
    });

    describe('field schemas', () => {
      function withFields(
        values: Record<string, unknown>,
        fieldSchema: DestinationFieldSchema,
      ) {
        const names = Object.keys(values);
        const fieldMappings: FieldMapping[] = names.map((field, i) => ({
          source: { kind: 'trait', name: `trait_${i}` },
          destinationField: field,
        }));
        const target = {
          object,
          identifier: options.identifier,
          fieldMappings,
          fieldSchema,
        };
        const base = member(0);
        const attempt = client.prepare(
          {
            ...base,
            fields: Object.fromEntries(
              names.map((field, i) => [`trait_${i}`, values[field]]),
            ),
          },
          target,
        );
        return { target, attempt };
      }

      /** What became of the member: refused when preparing it (invalid), or by the vendor, or taken. */
      async function outcome({
        target,
        attempt,
      }: ReturnType<typeof withFields>) {
        if (!attempt.ok) return 'refused';
        try {
          const { rejected } = await client.applyBatch({
            operation: 'add',
            target,
            rows: [attempt.row],
          });
          return rejected.length === 0 ? 'accepted' : 'refused';
        } catch (error) {
          // Only a refusal for good counts: a retryable failure is the test's environment, not an answer.
          if (error instanceof DestinationError && !error.retryable) {
            return 'refused';
          }
          throw error;
        }
      }

      /** The member the suite writes: a value of each described field's type, or a new name. */
      function fieldsWritten(schema: DestinationFieldSchema) {
        if (schema.acceptsAnyField) {
          if (options.fieldsToWrite) {
            throw new Error(
              'fieldsToWrite is for connectors that take only the fields they describe',
            );
          }
          return withFields({ conformance_new_field: 'Conformance' }, schema);
        }
        if (!options.fieldsToWrite?.length) {
          throw new Error('Pass fieldsToWrite: described fields to write');
        }
        const values: Record<string, unknown> = {};
        for (const fieldName of options.fieldsToWrite) {
          const field = schema.fields.find(f => f.name === fieldName);
          if (!field) {
            throw new Error(`'${fieldName}' is not a described field`);
          }
          values[fieldName] = SAMPLE_VALUES[field.type];
        }
        return withFields(values, schema);
      }

      it('describes no fields when it takes identifiers only', async () => {
        if (client.capabilities.additionalFields !== 'none') return;
        const schema = await client.describeFields?.(object);
        expect(schema?.fields ?? []).toEqual([]);
        expect(schema?.acceptsAnyField ?? false).toBe(false);
      });

      it("describes the fields it writes, and the vendor takes a value of each one's type", async () => {
        if (client.capabilities.additionalFields === 'none') return;
        expect(client.describeFields).toBeDefined();
        const schema = await client.describeFields!(object);
        for (const field of schema.fields ?? []) {
          expect(field).toEqual({
            name: expect.any(String),
            label: expect.any(String),
            type: expect.any(String),
            required: expect.any(Boolean),
          });
          expect(DESTINATION_FIELD_TYPES).toContain(field.type);
        }
        const written = fieldsWritten(schema);
        if (!written.attempt.ok) {
          throw new Error(
            `member(0) could not be prepared: ${written.attempt.reason}`,
          );
        }
        await expect(outcome(written)).resolves.toBe('accepted');
        expect(readBack()).toEqual(expected([written.attempt.row]));
      });

      it('refuses a member mapped to a field it does not describe, or the vendor does', async () => {
        if (client.capabilities.additionalFields === 'none') return;
        const schema = await client.describeFields!(object);
        if (schema.acceptsAnyField) return;
        const written = withFields(
          { conformance_no_such_field: 'Conformance' },
          schema,
        );
        await expect(outcome(written)).resolves.toBe('refused');
      });
    });

    it('lists the objects it can fill', async () => {
      await expect(client.listObjects()).resolves.toContainEqual(object);
    });
  });
}

/**
 * Waits as long as the vendor asked. Short waits are sat through; long ones (Meta counts in minutes) move
 * the emulator's clock instead, which is the time its rate limit runs on.
 */
async function waitOnEmulator(emulator: ConformanceEmulator, ms: number) {
  if (ms > 2000) {
    emulator.advanceClock(ms);
    return;
  }
  // A little over, so a timer firing a millisecond early does not land before the bucket refills.
  await new Promise(resolve => setTimeout(resolve, ms + 25));
}

function emailMember(index: number): AudienceMember {
  return {
    memberKey: `member-${index}`,
    keys: { email: ` Member.${index}@Example.com ` },
    fields: {},
  };
}
