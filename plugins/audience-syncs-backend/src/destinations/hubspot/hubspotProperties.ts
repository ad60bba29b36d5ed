import {
  DescribedField,
  DestinationFieldType,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** What the properties API says of one contact property. */
export interface HubSpotProperty {
  name?: string;
  label?: string;
  type?: string;
  calculated?: boolean;
  modificationMetadata?: { readOnlyValue?: boolean };
}

/** HubSpot's value types; enumerations, phone numbers and others are written as text. */
const TYPES: Record<string, DestinationFieldType> = {
  number: 'number',
  bool: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/**
 * The properties a sync may write: HubSpot computes read-only and calculated ones, and refuses values
 * for them. None is required: contacts are created with an email alone.
 */
export function writableProperties(
  properties: HubSpotProperty[],
): DescribedField[] {
  return properties
    .filter(
      p =>
        typeof p.name === 'string' &&
        !p.calculated &&
        !p.modificationMetadata?.readOnlyValue,
    )
    .map(p => ({
      name: p.name!,
      label: p.label || p.name!,
      type: TYPES[p.type ?? ''] ?? 'string',
      required: false,
    }));
}
