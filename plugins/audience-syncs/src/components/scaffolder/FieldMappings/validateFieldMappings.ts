import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  FieldMapping,
  fieldMappingProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { fieldMappingErrors } from '../../shared/fieldMappingErrors';
import { fetchChosenAudienceAndDestination } from '../fetchChosenAudienceAndDestination';
import { SyncBuilderFormData } from '../SyncBuilderFormData';

/**
 * Refuses empty rows, unknown sources and fields, duplicate destination fields and any mapping to a
 * destination that takes none, for the audience and destination chosen on earlier pages, each problem
 * named by the input it is about. No mappings at all is always fine.
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
  const errors = fieldMappingErrors(
    fieldMappingProblems(mappings, audience, destination),
  );
  if (errors.general) {
    validation.addError(errors.general);
  }
  for (const [index, row] of Object.entries(errors.rows)) {
    const n = Number(index) + 1;
    const labelled: Array<[string, string | undefined]> = [
      [`Field mapping ${n}`, row.row],
      [`Source field ${n}`, row.source],
      [`Destination field ${n}`, row.destinationField],
    ];
    for (const [label, message] of labelled) {
      if (message) {
        validation.addError(`${label}: ${message}`);
      }
    }
  }
};
