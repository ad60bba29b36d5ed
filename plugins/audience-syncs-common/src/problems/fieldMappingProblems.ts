import {
  Audience,
  DescribedField,
  Destination,
  DestinationFieldSchema,
  FieldMapping,
} from '../types';
import { REQUIRED_MESSAGE, SyncProblem } from './SyncProblem';

/**
 * Field mappings against the audience and destination: none at all for a destination that takes
 * identifiers only; otherwise each row needs a trait or attribute of the audience and a destination field
 * (one the destination lists, if it lists them) that no earlier row maps to. Rows may be drafts, with
 * untrimmed or empty names. With the object's `schema` (its connector's description of its fields), a
 * destination field must be one the schema lists unless the object accepts any name; a label typed for a
 * name is answered with the name.
 *
 * @public
 */
export function fieldMappingProblems(
  mappings: FieldMapping[],
  audience: Audience,
  destination: Destination,
  schema?: DestinationFieldSchema,
): SyncProblem[] {
  if (mappings.length === 0) {
    return [];
  }
  const accepted = destination.capabilities.additionalFields;
  if (accepted === 'none') {
    return [
      {
        field: 'fieldMappings',
        code: 'field_mappings_unsupported',
        message: `destination '${destination.name}' (${destination.typeLabel}) takes identifiers only, no additional fields`,
      },
    ];
  }
  // The fields a mapping must name, if the destination takes only some: the object's described ones,
  // else the fixed list its capabilities declare.
  const writable = knownFields(accepted, schema);
  const problems: SyncProblem[] = [];
  const firstRowOf = new Map<string, number>();
  mappings.forEach((mapping, index) => {
    const row = `fieldMappings[${index}]`;
    const { kind } = mapping.source;
    const name = mapping.source.name.trim();
    const known = kind === 'trait' ? audience.traits : audience.attributes;
    if (!known.includes(name)) {
      problems.push({
        field: `${row}.source.name`,
        code: 'field_mapping_source_unknown',
        message: `audience '${
          audience.name
        }' has no ${kind} '${name}' (${kind}s: ${known.join(', ') || 'none'})`,
      });
    }
    const field = mapping.destinationField.trim();
    const earlierRow = firstRowOf.get(field);
    const destinationField = `${row}.destinationField`;
    if (!field) {
      problems.push({
        field: destinationField,
        code: 'required',
        message: REQUIRED_MESSAGE,
      });
    } else if (writable && !writable.some(f => f.name === field)) {
      problems.push({
        field: destinationField,
        code: 'field_mapping_field_unknown',
        message: unknownFieldMessage(field, destination, writable),
      });
    } else if (earlierRow !== undefined) {
      problems.push({
        field: destinationField,
        code: 'field_mapping_duplicate',
        message: `'${field}' is already mapped in row ${earlierRow + 1}`,
      });
    } else {
      firstRowOf.set(field, index);
    }
  });
  return problems;
}

function knownFields(
  accepted: Destination['capabilities']['additionalFields'],
  schema: DestinationFieldSchema | undefined,
): Array<Pick<DescribedField, 'name' | 'label'>> | undefined {
  if (schema) return schema.acceptsAnyField ? undefined : schema.fields;
  return Array.isArray(accepted)
    ? accepted.map(f => ({ name: f.field, label: f.label }))
    : undefined;
}

/** Lists at most this many fields in a message; past it the picker is the place to look. */
const LISTED_FIELDS = 8;

function unknownFieldMessage(
  typed: string,
  destination: Destination,
  fields: Array<Pick<DescribedField, 'name' | 'label'>>,
): string {
  const lower = typed.toLowerCase();
  const byLabel = fields.find(f => f.label.trim().toLowerCase() === lower);
  if (byLabel) {
    return `'${typed}' is the label of ${byLabel.name}; map the field's name, ${byLabel.name}`;
  }
  const byName = fields.find(f => f.name.toLowerCase() === lower);
  if (byName) {
    return `destination '${destination.name}' has no field '${typed}'; did you mean ${byName.name}?`;
  }
  const names = fields.map(f => f.name);
  let known = `pick one of its ${names.length} fields`;
  if (names.length === 0) known = 'it has no writable fields';
  else if (names.length <= LISTED_FIELDS)
    known = `it takes ${names.join(', ')}`;
  return `destination '${destination.name}' has no field '${typed}' (${known})`;
}
