import { Destination } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ConnectedDestination } from '../destinations/DestinationRegistry';

/**
 * The destination as its client can serve it: a client that cannot create objects does not let Backstage
 * create them, whatever the capabilities claim.
 */
export function creatableDestination({
  destination,
  client,
}: ConnectedDestination): Destination {
  const canCreateObjects =
    destination.capabilities.canCreateObjects && Boolean(client.createObject);
  return {
    ...destination,
    capabilities: { ...destination.capabilities, canCreateObjects },
  };
}
