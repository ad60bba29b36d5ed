import {
  Audience,
  Destination,
  FieldMapping,
} from '@internal/plugin-audience-syncs-common';
import { FieldMappingRowErrors } from '../../shared/FieldMappingsFields';

/** What is wrong with a list of field mappings: about the list as a whole, and by row index. */
export interface FieldMappingProblems {
  general?: string;
  rows: Record<number, FieldMappingRowErrors>;
}

/**
 * Checks field mappings against the audience and destination (guide, step 6): none at all for a destination
 * that takes identifiers only; otherwise each row needs a trait or attribute of the audience and a destination
 * field (one the destination lists, if it lists them) that no earlier row maps to.
 */
export function fieldMappingProblems(
  mappings: FieldMapping[],
  audience: Audience,
  destination: Destination,
): FieldMappingProblems {
  const accepted = destination.capabilities.additionalFields;
  if (mappings.length > 0 && accepted === 'none') {
    return {
      general: `${destination.name} (${destination.typeLabel}) takes identifiers only: remove the field mappings`,
      rows: {},
    };
  }
  const rows: Record<number, FieldMappingRowErrors> = {};
  const firstRowOf = new Map<string, number>();
  mappings.forEach((mapping, index) => {
    const row: FieldMappingRowErrors = {};
    const { kind, name } = mapping.source;
    const known = kind === 'trait' ? audience.traits : audience.attributes;
    if (!known.includes(name)) {
      row.source = `${audience.name} has no ${kind} '${name}'`;
    }
    const field = mapping.destinationField.trim();
    const earlierRow = firstRowOf.get(field);
    if (!field) {
      row.destinationField = 'A destination field is required';
    } else if (
      Array.isArray(accepted) &&
      !accepted.some(f => f.field === field)
    ) {
      row.destinationField = `${destination.name} has no field '${field}'`;
    } else if (earlierRow !== undefined) {
      row.destinationField = `'${field}' is already mapped in row ${
        earlierRow + 1
      }`;
    } else {
      firstRowOf.set(field, index);
    }
    if (row.source || row.destinationField) {
      rows[index] = row;
    }
  });
  return { rows };
}
