import { ApiHolder } from '@backstage/core-plugin-api';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  Destination,
  DestinationFieldSchema,
  FieldMapping,
  fieldMappingProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { serverMessage } from '../../common/errorMessages';
import { audienceSyncsApiFrom } from '../audienceSyncsApiFrom';
import { fieldMappingErrors } from '../../common/fieldMappingErrors';
import { fetchChosenAudienceAndDestination } from '../fetchChosenAudienceAndDestination';
import { SyncBuilderFormData } from '../SyncBuilderFormData';

/** The chosen object's fields, read fresh; a vendor that cannot be read fails the step with its message. */
async function fetchFieldSchema(
  apiHolder: ApiHolder,
  destination: Destination,
  form: SyncBuilderFormData,
): Promise<DestinationFieldSchema | undefined> {
  const object = form.destination?.object;
  if (!object || destination.capabilities.additionalFields === 'none') {
    return undefined;
  }
  try {
    return await audienceSyncsApiFrom(apiHolder).describeDestinationFields(
      destination.id,
      object,
    );
  } catch (error) {
    throw new Error(serverMessage(error));
  }
}

/**
 * Refuses empty rows, unknown sources, fields the destination object does not have (the same words as the
 * server's), duplicate destination fields and any mapping to a destination that takes none, for the audience and destination chosen on earlier pages, each problem
 * named by the input it is about. No mappings at all is always fine.
 */
export const validateFieldMappings: CustomFieldValidator<
  FieldMapping[]
> = async (mappings, validation, { apiHolder, formData }) => {
  if (!mappings?.length) {
    return;
  }
  const form = formData as SyncBuilderFormData;
  const { audience, destination } = await fetchChosenAudienceAndDestination(
    apiHolder,
    form,
  );
  const fieldSchema = await fetchFieldSchema(apiHolder, destination, form);
  const errors = fieldMappingErrors(
    fieldMappingProblems(mappings, audience, destination, fieldSchema),
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
