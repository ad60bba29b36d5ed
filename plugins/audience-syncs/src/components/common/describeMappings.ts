import {
  Destination,
  FieldMapping,
  IdentifierMapping,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * `phone → Phone number (PHONE), normalized and SHA-256 hashed`: which key matches which field, and how it is
 * sent. The field's name follows its label only when it says something the label does not (`Email`, not
 * `Email (email)`).
 */
export function describeIdentifier(
  identifier: IdentifierMapping,
  destination: Destination | undefined,
): string {
  const field = destination?.capabilities.identifierFields.find(
    f => f.field === identifier.field,
  );
  let target = field?.label ?? identifier.field;
  if (
    field &&
    field.label.toLocaleLowerCase() !== field.field.toLocaleLowerCase()
  ) {
    target += ` (${field.field})`;
  }
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
