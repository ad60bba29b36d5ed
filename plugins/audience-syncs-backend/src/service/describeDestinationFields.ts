import { ServiceUnavailableError } from '@backstage/errors';
import {
  DestinationFieldSchema,
  DestinationObject,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ConnectedDestination } from '../destinations/DestinationRegistry';

/**
 * The fields a sync to `object` can map to, whatever the connector declares: its own description where it
 * has one; else no field for a destination that takes identifiers only, its fixed list, or any name. A
 * vendor that cannot be reached is a 503 (try again), never a sync saved against fields nobody checked.
 */
export async function describeDestinationFields(
  { destination, client }: ConnectedDestination,
  object: DestinationObject,
): Promise<DestinationFieldSchema> {
  const declared = destination.capabilities.additionalFields;
  if (declared === 'none') return { acceptsAnyField: false, fields: [] };
  if (!client.describeFields) {
    return Array.isArray(declared)
      ? {
          acceptsAnyField: false,
          fields: declared.map(f => ({
            name: f.field,
            label: f.label,
            type: 'string',
            required: false,
          })),
        }
      : { acceptsAnyField: true };
  }
  try {
    return await client.describeFields(object);
  } catch (error) {
    throw new ServiceUnavailableError(
      `Could not read the fields of destination '${destination.name}': ${
        (error as Error).message
      }; try again`,
    );
  }
}
