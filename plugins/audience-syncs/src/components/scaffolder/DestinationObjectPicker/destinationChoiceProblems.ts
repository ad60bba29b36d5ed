import { Destination } from '@internal/plugin-audience-syncs-common';
import { DestinationChoice } from '../SyncBuilderFormData';

/** Why a destination cannot be chosen for a sync, or undefined when it can. */
export function destinationRefusal(
  destination: Destination,
): string | undefined {
  return destination.capabilities.supportsAudienceSyncs
    ? undefined
    : `${destination.name} (${destination.typeLabel}) does not support audience syncs`;
}

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
  const refusal = destinationRefusal(destination);
  if (refusal) {
    return [refusal];
  }
  const { objectLabel, canCreateObjects } = destination.capabilities;
  const { object } = choice;
  if (!object || ('id' in object && !object.id)) {
    return [`Choose a ${objectLabel}`];
  }
  if ('create' in object && !canCreateObjects) {
    return [
      `${destination.name} does not let Backstage create a ${objectLabel}: create it in ${destination.typeLabel} first, then select it`,
    ];
  }
  if ('create' in object && !object.create.name.trim()) {
    return [`Name the new ${objectLabel}`];
  }
  return [];
}
