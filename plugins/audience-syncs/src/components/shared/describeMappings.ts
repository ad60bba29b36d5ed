import {
  Destination,
  FieldMapping,
  IdentifierMapping,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** `email → Email (EMAIL), normalized and SHA-256 hashed`: which key matches which field, and how it is sent. */
export function describeIdentifier(
  identifier: IdentifierMapping,
  destination: Destination | undefined,
): string {
  const field = destination?.capabilities.identifierFields.find(
    f => f.field === identifier.field,
  );
  const target = field ? `${field.label} (${field.field})` : identifier.field;
  const hashed = field?.hashed ? ', normalized and SHA-256 hashed' : '';
  return `${identifier.entityKey} → ${target}${hashed}`;
}

/** One line per mapping, `lifetime_value (trait) → Customer Value`, or "None". */
export function describeFieldMappings(
  mappings: FieldMapping[],
  destination: Destination | undefined,
): string | string[] {
  if (mappings.length === 0) {
    return 'None';
  }
  const fields = destination?.capabilities.additionalFields;
  const labelOf = (field: string) =>
    Array.isArray(fields)
      ? fields.find(f => f.field === field)?.label ?? field
      : field;
  return mappings.map(
    mapping =>
      `${mapping.source.name} (${mapping.source.kind}) → ${labelOf(
        mapping.destinationField,
      )}`,
  );
}
