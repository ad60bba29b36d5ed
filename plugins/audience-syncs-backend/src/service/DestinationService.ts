import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  Destination,
  DestinationFieldSchema,
  DestinationObject,
  objectCreationProblems,
  SyncProblem,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { ShortCache } from '../destinations/ShortCache';
import { creatableDestination } from './creatableDestination';
import { describeDestinationFields } from './describeDestinationFields';
import { SyncProblemsError } from './SyncProblemsError';

/** How long described fields are reused. */
const FIELD_SCHEMA_TTL_MS = 60_000;

/**
 * The configured destinations as the API shows them (capabilities, never settings), their objects, and
 * object creation where the destination allows it. Callers check permissions first.
 */
export class DestinationService {
  readonly #registry: DestinationRegistry;
  /** The builder's page and its validation ask in turn; saving a sync and each run read afresh. */
  readonly #fields = ShortCache.create<DestinationFieldSchema>({
    ttlMs: FIELD_SCHEMA_TTL_MS,
  });

  static create(options: { destinations: DestinationRegistry }) {
    return new DestinationService(options.destinations);
  }

  private constructor(registry: DestinationRegistry) {
    this.#registry = registry;
  }

  list(): Destination[] {
    return this.#registry.list();
  }

  /** Throws NotFoundError for an unknown id. */
  get(id: string): Destination {
    return this.#registry.require(id).destination;
  }

  /** The objects a sync can fill; a vendor that cannot be reached is a 503, not a 500. */
  async listObjects(id: string): Promise<DestinationObject[]> {
    const { destination, client } = this.#registry.require(id);
    try {
      return await client.listObjects();
    } catch (error) {
      throw new ServiceUnavailableError(
        `Could not list the objects of destination '${destination.name}': ${
          (error as Error).message
        }`,
      );
    }
  }

  /**
   * The fields a sync to one of the destination's objects (`objectId`), or to one it would create
   * (`objectName`), can map to, kept a minute. An unknown object is a 404; naming neither or both is a
   * 400; a vendor that cannot be reached, a 503.
   */
  async describeFields(
    id: string,
    selection: { objectId?: string; objectName?: string },
  ): Promise<DestinationFieldSchema> {
    const connected = this.#registry.require(id);
    const { objectId, objectName } = selection;
    if ((objectId === undefined) === (objectName === undefined)) {
      const problem: SyncProblem = {
        field: objectId === undefined ? 'objectId' : 'objectName',
        code: objectId === undefined ? 'required' : 'invalid_value',
        message:
          objectId === undefined
            ? 'is required (or objectName, for an object the sync would create)'
            : 'give objectId or objectName, not both',
      };
      throw new SyncProblemsError([problem]);
    }
    let object: DestinationObject;
    if (objectId === undefined) {
      object = { id: '', name: objectName! };
    } else {
      const found = (await this.listObjects(id)).find(o => o.id === objectId);
      if (!found) {
        throw new NotFoundError(
          `Destination '${connected.destination.name}' has no ${connected.destination.capabilities.objectLabel} '${objectId}'`,
        );
      }
      object = found;
    }
    return this.#fields.get(JSON.stringify([id, object.id, object.name]), () =>
      describeDestinationFields(connected, object),
    );
  }

  /** Refuses, naming the field `name`, where the destination does not let Backstage create objects. */
  async createObject(id: string, name: string): Promise<DestinationObject> {
    const connected = this.#registry.require(id);
    const refusals = objectCreationProblems(
      creatableDestination(connected),
      'name',
    );
    if (refusals.length > 0 || !connected.client.createObject) {
      throw new SyncProblemsError(refusals);
    }
    return connected.client.createObject(name);
  }
}
