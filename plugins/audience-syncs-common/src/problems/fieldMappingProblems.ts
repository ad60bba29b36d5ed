import { Audience, Destination, FieldMapping } from '../types';
import { REQUIRED_MESSAGE, SyncProblem } from './SyncProblem';

/**
 * Field mappings against the audience and destination: none at all for a destination that takes
 * identifiers only; otherwise each row needs a trait or attribute of the audience and a destination field
 * (one the destination lists, if it lists them) that no earlier row maps to. Rows may be drafts, with
 * untrimmed or empty names.
 *
 * @public
 */
export function fieldMappingProblems(
  mappings: FieldMapping[],
  audience: Audience,
  destination: Destination,
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
    } else if (
      Array.isArray(accepted) &&
      !accepted.some(f => f.field === field)
    ) {
      problems.push({
        field: destinationField,
        code: 'field_mapping_field_unknown',
        message: `destination '${
          destination.name
        }' has no field '${field}' (it takes ${accepted
          .map(f => f.field)
          .join(', ')})`,
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
