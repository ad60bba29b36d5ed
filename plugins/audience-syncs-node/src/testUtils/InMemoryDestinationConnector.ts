import {
  DestinationCapabilities,
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

  constructor(options: {
    type: string;
    label: string;
    capabilities: DestinationCapabilities;
    objects?: DestinationObject[];
  }) {
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
    const capabilities = this.#capabilities;
    const refuse = this.refuse;
    return {
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
          if (refuse.has(row.identifier)) {
            rejected.push({
              memberKey: row.memberKey,
              code: 'INVALID_RECORD',
              message: `Refused ${row.identifier}`,
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
    };
  }

  /** Identifiers currently in an object of a connected destination. */
  membersOf(destinationId: string, objectId: string): string[] {
    return [
      ...(this.members.get(destinationId)?.get(objectId)?.keys() ?? []),
    ].sort();
  }
}
