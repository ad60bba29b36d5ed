import { Destination, DestinationObject } from '../types';
import { SyncProblem } from './SyncProblem';

/**
 * Whether the destination can receive a sync: it exists and takes audience syncs. `destination` is
 * undefined when no destination has the id `destinationId`.
 *
 * @public
 */
export function destinationProblems(
  destinationId: string,
  destination: Destination | undefined,
): SyncProblem[] {
  const field = 'destinationId';
  if (!destination) {
    return [
      {
        field,
        code: 'destination_not_found',
        message: `no destination '${destinationId}' exists`,
      },
    ];
  }
  if (!destination.capabilities.supportsAudienceSyncs) {
    return [
      {
        field,
        code: 'destination_unsupported',
        message: `destination '${destination.name}' (${destination.typeLabel}) does not support audience syncs`,
      },
    ];
  }
  return [];
}

/**
 * Refuses to create an object where the destination does not let Backstage create one; `field` names the request's field.
 *
 * @public
 */
export function objectCreationProblems(
  destination: Destination,
  field: string,
): SyncProblem[] {
  const { canCreateObjects, objectLabel } = destination.capabilities;
  if (canCreateObjects) {
    return [];
  }
  return [
    {
      field,
      code: 'object_create_unsupported',
      message: `destination '${destination.name}' does not let Backstage create a ${objectLabel}; create it in ${destination.typeLabel} first, then select it`,
    },
  ];
}

/**
 * The object a sync fills: a new one only where the destination lets Backstage create it, an existing one
 * only if the destination lists it. `objects` is the destination's list, when it was read.
 *
 * @public
 */
export function objectProblems(
  selection: { id: string } | { create: { name: string } },
  destination: Destination,
  objects?: DestinationObject[],
): SyncProblem[] {
  if ('create' in selection) {
    return objectCreationProblems(destination, 'object.create');
  }
  if (objects && !objects.some(object => object.id === selection.id)) {
    return [
      {
        field: 'object.id',
        code: 'object_not_found',
        message: `destination '${destination.name}' has no ${destination.capabilities.objectLabel} '${selection.id}'`,
      },
    ];
  }
  return [];
}
