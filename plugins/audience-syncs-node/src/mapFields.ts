import { FieldMapping } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceMember } from './audiences';

/**
 * A member's mapped traits and attributes under their destination field names; missing values are null.
 *
 * @public
 */
export function mapFields(
  member: AudienceMember,
  fieldMappings: FieldMapping[],
): Record<string, unknown> {
  return Object.fromEntries(
    fieldMappings.map(m => [
      m.destinationField,
      member.fields[m.source.name] ?? null,
    ]),
  );
}
