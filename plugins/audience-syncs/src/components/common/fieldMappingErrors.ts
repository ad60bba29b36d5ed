import {
  parseFieldPath,
  SyncProblem,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { FieldMappingRowErrors } from './FieldMappingsFields';

/** What is wrong with a list of field mappings: about the list as a whole, and by row index. */
export interface FieldMappingErrors {
  general?: string;
  rows: Record<number, FieldMappingRowErrors>;
}

const join = (current: string | undefined, message: string) =>
  current ? `${current}; ${message}` : message;

/**
 * Places the problems about field mappings (the field `fieldMappings`) on the mapping inputs: a row's
 * source or destination field, the row as a whole, or the list.
 */
export function fieldMappingErrors(
  problems: SyncProblem[],
): FieldMappingErrors {
  const errors: FieldMappingErrors = { rows: {} };
  for (const { field, message } of problems) {
    const [top, index, part] = parseFieldPath(field);
    if (top !== 'fieldMappings') {
      continue;
    }
    if (typeof index !== 'number') {
      errors.general = join(errors.general, message);
      continue;
    }
    const input: keyof FieldMappingRowErrors =
      part === 'source' || part === 'destinationField' ? part : 'row';
    const row = (errors.rows[index] ??= {});
    row[input] = join(row[input], message);
  }
  return errors;
}
