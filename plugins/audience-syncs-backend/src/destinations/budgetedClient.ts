import { DestinationObject } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  DestinationClient,
  DestinationError,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { RequestBudget } from '../engine/RequestBudget';
import { ShortCache } from './ShortCache';
import { eachPage } from './eachPage';

/** How long a destination's object listing is reused: the builder lists, then validation lists again. */
export const OBJECT_LISTING_TTL_MS = 15_000;

/**
 * `client` whose reads and object creation wait on the destination's request budget, the one its sync
 * runs' batches take from, and pause it when the vendor throttles them. The object listing that the
 * builder and sync validation ask for is kept `OBJECT_LISTING_TTL_MS`; creating an object forgets it.
 * Reading members back takes from the budget for each page, as each page is a request.
 */
export function budgetedClient(
  client: DestinationClient,
  budget: RequestBudget,
  listings = ShortCache.create<DestinationObject[]>({
    ttlMs: OBJECT_LISTING_TTL_MS,
  }),
): DestinationClient {
  async function budgeted<T>(work: () => Promise<T>): Promise<T> {
    await budget.acquire();
    try {
      return await work();
    } catch (error) {
      if (error instanceof DestinationError && error.throttled) {
        budget.pause(error.retryAfterMs ?? 1_000);
      }
      throw error;
    }
  }
  const { createObject, describeFields, readMembers } = client;
  return {
    capabilities: client.capabilities,
    listObjects: () =>
      listings.get('objects', () => budgeted(() => client.listObjects())),
    createObject:
      createObject &&
      (async name => {
        try {
          return await budgeted(() => createObject.call(client, name));
        } finally {
          listings.forget('objects');
        }
      }),
    describeFields:
      describeFields &&
      (object => budgeted(() => describeFields.call(client, object))),
    prepare: (member, target) => client.prepare(member, target),
    applyBatch: request => client.applyBatch(request),
    readMembers:
      readMembers &&
      ((target, options) =>
        eachPage(readMembers.call(client, target, options), budgeted)),
  };
}
