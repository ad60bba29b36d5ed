import { ServiceUnavailableError } from '@backstage/errors';
import {
  Destination,
  DestinationObject,
  objectCreationProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { creatableDestination } from './creatableDestination';
import { SyncProblemsError } from './SyncProblemsError';

/**
 * The configured destinations as the API shows them (capabilities, never settings), their objects, and
 * object creation where the destination allows it. Callers check permissions first.
 */
export class DestinationService {
  readonly #registry: DestinationRegistry;

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
