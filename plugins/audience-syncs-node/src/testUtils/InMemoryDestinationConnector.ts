import {
  DestinationCapabilities,
  DestinationFieldSchema,
  DestinationObject,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceMember } from '../audiences';
import {
  BatchRequest,
  BatchResult,
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
  PrepareResult,
  SyncTarget,
} from '../connectors';
import { preparedRow } from '../preparedRow';

/**
 * A destination for tests with the semantics of a real one: objects hold members keyed by identifier,
 * adds and removes are idempotent, updates change fields, and a removed or unknown object is an error.
 * With a `fieldSchema`, it describes its fields and refuses rows that carry a field it does not describe;
 * `fieldsUnavailable` makes describing them fail as an unreachable vendor would. Its clients read members
 * back in pages of 100, and `members` can be changed directly to play someone editing the destination by hand.
 *
 * @public
 */
export class InMemoryDestinationConnector implements DestinationConnector {
  readonly type: string;
  readonly label: string;
  readonly #capabilities: DestinationCapabilities;
  readonly #initialObjects: DestinationObject[];
  /** Each connected destination's objects: destination id → object id → identifier → fields. */
  readonly members = new Map<string, Map<string, Map<string, unknown>>>();
  readonly objects = new Map<string, DestinationObject[]>();
  /** Identifiers the destination refuses row by row (the rest of their batch is applied). */
  readonly refuse = new Set<string>();
  /** Describing fields fails while this is true. */
  fieldsUnavailable = false;
  readonly #fieldSchema?: DestinationFieldSchema;
  readonly #readable: boolean;

  constructor(options: {
    type: string;
    label: string;
    capabilities: DestinationCapabilities;
    objects?: DestinationObject[];
    fieldSchema?: DestinationFieldSchema;
    /** Whether its clients read members back (`readMembers`); true unless told otherwise. */
    readMembers?: boolean;
  }) {
    this.#fieldSchema = options.fieldSchema;
    this.#readable = options.readMembers ?? true;
    this.type = options.type;
    this.label = options.label;
    this.#capabilities = options.capabilities;
    this.#initialObjects = options.objects ?? [];
  }

  async connect(destination: DestinationConfig): Promise<DestinationClient> {
    // Several backend instances connecting to one destination share its state, as with a real vendor.
    const objects = this.objects.get(destination.id) ?? [
      ...this.#initialObjects,
    ];
    const members =
      this.members.get(destination.id) ??
      new Map<string, Map<string, unknown>>(
        objects.map(o => [o.id, new Map()]),
      );
    this.objects.set(destination.id, objects);
    this.members.set(destination.id, members);
    const capabilities = {
      ...this.#capabilities,
      canReadMembers: this.#readable,
    };
    const refuse = this.refuse;
    const fieldSchema = this.#fieldSchema;
    const undescribed = (fields: Record<string, unknown>) =>
      fieldSchema && !fieldSchema.acceptsAnyField
        ? Object.keys(fields).find(
            name => !fieldSchema.fields.some(f => f.name === name),
          )
        : undefined;
    return {
      describeFields: fieldSchema
        ? async () => {
            if (this.fieldsUnavailable) {
              throw new Error('The destination could not be reached');
            }
            return fieldSchema;
          }
        : undefined,
      capabilities,
      listObjects: async () => [...objects],
      createObject: capabilities.canCreateObjects
        ? async (name: string) => {
            const object = { id: `obj-${objects.length + 1}`, name };
            objects.push(object);
            members.set(object.id, new Map());
            return object;
          }
        : undefined,
      prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
        const value = member.keys[target.identifier.entityKey];
        if (!value) {
          return {
            ok: false,
            code: 'missing_identifier',
            reason: 'No identifier',
          };
        }
        return preparedRow(member, target, value);
      },
      async applyBatch(request: BatchRequest): Promise<BatchResult> {
        const object = members.get(request.target.object.id);
        if (!object) throw new Error(`No object '${request.target.object.id}'`);
        const rejected = [];
        for (const row of request.rows) {
          const unknownField = undescribed(row.fields);
          if (refuse.has(row.identifier) || unknownField) {
            rejected.push({
              memberKey: row.memberKey,
              code: 'INVALID_RECORD',
              message: unknownField
                ? `No field '${unknownField}'`
                : `Refused ${row.identifier}`,
              retryable: false,
            });
          } else if (request.operation === 'remove') {
            object.delete(row.identifier);
          } else {
            object.set(row.identifier, row.fields);
          }
        }
        return { rejected };
      },
      readMembers: this.#readable
        ? async function* readMembers(target: SyncTarget) {
            const object = members.get(target.object.id);
            if (!object) throw new Error(`No object '${target.object.id}'`);
            const identifiers = [...object.keys()].sort();
            for (let i = 0; i < identifiers.length; i += 100) {
              yield identifiers
                .slice(i, i + 100)
                .map(identifier => ({ identifier }));
            }
          }
        : undefined,
    };
  }

  /** Identifiers currently in an object of a connected destination. */
  membersOf(destinationId: string, objectId: string): string[] {
    return [
      ...(this.members.get(destinationId)?.get(objectId)?.keys() ?? []),
    ].sort();
  }
}
