import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  Audience,
  audienceProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { serverMessage } from '../../common/errorMessages';
import { audienceSyncsApiFrom } from '../audienceSyncsApiFrom';

/**
 * Refuses a missing, unknown, never evaluated or empty audience, also one that came from the URL's `formData`
 * rather than from the picker's list. The audience is read fresh: its member count changes with evaluations.
 */
export const validateAudiencePicker: CustomFieldValidator<string> = async (
  audienceId,
  validation,
  { apiHolder },
) => {
  if (!audienceId) {
    validation.addError('Choose an audience');
    return;
  }
  let audience: Audience;
  try {
    audience = await audienceSyncsApiFrom(apiHolder).getAudience(audienceId);
  } catch (error) {
    validation.addError(serverMessage(error));
    return;
  }
  for (const problem of audienceProblems(audienceId, audience)) {
    validation.addError(problem.message);
  }
};
