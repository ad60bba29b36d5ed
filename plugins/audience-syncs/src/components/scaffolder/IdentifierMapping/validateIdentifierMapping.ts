import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  IdentifierMapping,
  identifierProblems,
  SyncProblem,
  unmatchableIdentifierProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { fetchChosenAudienceAndDestination } from '../fetchChosenAudienceAndDestination';
import { SyncBuilderFormData } from '../SyncBuilderFormData';

/** Requires one of the mappings that the audience and destination chosen on earlier pages allow. */
export const validateIdentifierMapping: CustomFieldValidator<
  IdentifierMapping
> = async (identifier, validation, { apiHolder, formData }) => {
  const { audience, destination } = await fetchChosenAudienceAndDestination(
    apiHolder,
    formData as SyncBuilderFormData,
  );
  const addErrors = (problems: SyncProblem[]) =>
    problems.forEach(problem => validation.addError(problem.message));
  const unmatchable = unmatchableIdentifierProblems(audience, destination);
  if (unmatchable.length > 0) {
    addErrors(unmatchable);
  } else if (!identifier?.entityKey || !identifier.field) {
    validation.addError('Choose how members are matched');
  } else {
    addErrors(identifierProblems(identifier, audience, destination));
  }
};
