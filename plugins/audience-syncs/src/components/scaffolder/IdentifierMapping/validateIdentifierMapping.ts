import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { IdentifierMapping } from '@internal/plugin-audience-syncs-common';
import { fetchChosenAudienceAndDestination } from '../fetchChosenAudienceAndDestination';
import { SyncBuilderFormData } from '../SyncBuilderFormData';
import { identifierProblem } from './identifierOptions';

/** Requires one of the mappings that the audience and destination chosen on earlier pages allow. */
export const validateIdentifierMapping: CustomFieldValidator<
  IdentifierMapping
> = async (identifier, validation, { apiHolder, formData }) => {
  const { audience, destination } = await fetchChosenAudienceAndDestination(
    apiHolder,
    formData as SyncBuilderFormData,
  );
  const problem = identifierProblem(identifier, audience, destination);
  if (problem) {
    validation.addError(problem);
  }
};
