import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { audienceSyncsApiFrom } from '../audienceSyncsApiFrom';
import { SyncBuilderFormData } from '../SyncBuilderFormData';
import { INCOMPLETE_FORM, toCreateSyncRequest } from '../toCreateSyncRequest';
import { dryRunProblems } from './dryRunProblems';

/**
 * Runs the whole form through the server's checks (a dry run of the create) and adds each problem as an error,
 * so the template cannot go on to "Create" with a sync the server would refuse.
 */
export const validateAudienceSyncReview: CustomFieldValidator<string> = async (
  _reviewed,
  validation,
  { apiHolder, formData },
) => {
  const request = toCreateSyncRequest(formData as SyncBuilderFormData);
  if (!request) {
    validation.addError(INCOMPLETE_FORM);
    return;
  }
  try {
    await audienceSyncsApiFrom(apiHolder).dryRunCreateSync(request);
  } catch (error) {
    dryRunProblems(error).forEach(problem => validation.addError(problem));
  }
};
