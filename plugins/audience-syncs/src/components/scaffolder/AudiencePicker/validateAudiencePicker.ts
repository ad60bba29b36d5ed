import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { Audience } from '@internal/plugin-audience-syncs-common';
import { audienceUnavailableReason } from '../../shared/audienceUnavailableReason';
import { serverMessage } from '../../shared/errorMessages';
import { audienceSyncsApiFrom } from '../audienceSyncsApiFrom';

/** What the picker and its validation say about an audience that cannot be synced; undefined when it can. */
export function audienceRefusal(audience: Audience): string | undefined {
  const reason = audienceUnavailableReason(audience);
  return reason && `${audience.name} cannot be synced: ${reason}`;
}

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
  const refusal = audienceRefusal(audience);
  if (refusal) {
    validation.addError(refusal);
  }
};
