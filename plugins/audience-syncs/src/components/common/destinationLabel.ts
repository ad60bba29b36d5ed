import { Destination } from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * A destination as people name it: "Salesforce EU (Salesforce)" says which vendor a custom name stands for,
 * but a name that already says it ("HubSpot (demo portal)") is not followed by the vendor again.
 */
export function destinationLabel(
  destination: Pick<Destination, 'name' | 'typeLabel'>,
): string {
  const { name, typeLabel } = destination;
  return name.toLocaleLowerCase().includes(typeLabel.toLocaleLowerCase())
    ? name
    : `${name} (${typeLabel})`;
}
