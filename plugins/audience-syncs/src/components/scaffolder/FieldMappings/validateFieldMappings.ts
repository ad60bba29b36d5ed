import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { FieldMapping } from '@internal/plugin-audience-syncs-common';
import { fetchChosenAudienceAndDestination } from '../fetchChosenAudienceAndDestination';
import { SyncBuilderFormData } from '../SyncBuilderFormData';
import { fieldMappingProblems } from './fieldMappingProblems';

/**
 * Refuses empty rows, unknown sources, duplicate destination fields and any mapping to a destination that
 * takes none, for the audience and destination chosen on earlier pages. No mappings at all is always fine.
 */
export const validateFieldMappings: CustomFieldValidator<
  FieldMapping[]
> = async (mappings, validation, { apiHolder, formData }) => {
  if (!mappings?.length) {
    return;
  }
  const { audience, destination } = await fetchChosenAudienceAndDestination(
    apiHolder,
    formData as SyncBuilderFormData,
  );
  const problems = fieldMappingProblems(mappings, audience, destination);
  if (problems.general) {
    validation.addError(problems.general);
  }
  for (const [index, row] of Object.entries(problems.rows)) {
    for (const message of [row.source, row.destinationField]) {
      if (message) {
        validation.addError(`Field mapping ${Number(index) + 1}: ${message}`);
      }
    }
  }
};
