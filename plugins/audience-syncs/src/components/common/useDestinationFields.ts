import { useApi } from '@backstage/core-plugin-api';
import {
  Destination,
  DestinationFieldSchema,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';

/**
 * The fields a sync to `object` of `destination` can map to, as the server reads them from the vendor; not
 * asked for while either is unknown, nor for a destination that takes identifiers only.
 */
export function useDestinationFields(
  destination: Destination | undefined,
  object: { id: string } | { create: { name: string } } | undefined,
) {
  const api = useApi(audienceSyncsApiRef);
  const destinationId = destination?.id;
  const takesFields = destination?.capabilities.additionalFields !== 'none';
  // Primitive dependencies: a new object literal naming the same object asks nothing again.
  const objectId = object && 'id' in object ? object.id : undefined;
  const objectName =
    object && 'create' in object ? object.create.name.trim() : undefined;
  return useAsync(async (): Promise<DestinationFieldSchema | undefined> => {
    if (!destinationId || !takesFields) return undefined;
    if (objectId) {
      return api.describeDestinationFields(destinationId, { id: objectId });
    }
    if (objectName) {
      return api.describeDestinationFields(destinationId, {
        create: { name: objectName },
      });
    }
    return undefined;
  }, [api, destinationId, takesFields, objectId, objectName]);
}
