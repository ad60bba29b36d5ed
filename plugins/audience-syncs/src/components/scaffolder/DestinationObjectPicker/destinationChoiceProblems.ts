import {
  Destination,
  destinationProblems,
  objectProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DestinationChoice } from '../SyncBuilderFormData';

/**
 * What is missing or wrong in the destination page's value: a destination that takes audience syncs, and an
 * existing object or a named new one where the destination lets Backstage create it. `destination` is the
 * chosen destination as the server describes it.
 */
export function destinationChoiceProblems(
  choice: DestinationChoice | undefined,
  destination: Destination | undefined,
): string[] {
  if (!choice?.destinationId || !destination) {
    return ['Choose a destination'];
  }
  const refusals = destinationProblems(destination.id, destination);
  if (refusals.length > 0) {
    return refusals.map(problem => problem.message);
  }
  const { objectLabel } = destination.capabilities;
  const { object } = choice;
  if (!object || ('id' in object && !object.id)) {
    return [`Choose a ${objectLabel}`];
  }
  const objectRefusals = objectProblems(object, destination);
  if (objectRefusals.length > 0) {
    return objectRefusals.map(problem => problem.message);
  }
  if ('create' in object && !object.create.name.trim()) {
    return [`Name the new ${objectLabel}`];
  }
  return [];
}
