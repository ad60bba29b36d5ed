import {
  DestinationClient,
  DestinationConnector,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import type { RateLimit } from '@internal/destination-emulators';

/**
 * The connector with the request budget its clients declare replaced, everything else its own: the
 * ceiling scenario shrinks a vendor's burst allowance to what a run of seconds can spend, and the
 * engine's limiter must get the same budget the emulator enforces.
 */
export function withRateLimit(
  connector: DestinationConnector,
  rateLimit: RateLimit,
): DestinationConnector {
  return {
    type: connector.type,
    label: connector.label,
    async connect(destination, context) {
      const client = await connector.connect(destination, context);
      const wrapped: DestinationClient = {
        capabilities: { ...client.capabilities, rateLimit },
        listObjects: () => client.listObjects(),
        prepare: (member, target) => client.prepare(member, target),
        applyBatch: request => client.applyBatch(request),
        ...(client.createObject
          ? { createObject: (name: string) => client.createObject!(name) }
          : {}),
      };
      return wrapped;
    },
  };
}
