import { ApiHolder } from '@backstage/core-plugin-api';
import {
  Audience,
  Destination,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { serverMessage } from '../common/errorMessages';
import { audienceSyncsApiFrom } from './audienceSyncsApiFrom';
import { SyncBuilderFormData } from './SyncBuilderFormData';

/**
 * The audience and destination the whole form names, read fresh from the server for a field's validation.
 * Throws an Error when either is missing or unreadable; the scaffolder shows its message as the field's error.
 */
export async function fetchChosenAudienceAndDestination(
  apiHolder: ApiHolder,
  formData: SyncBuilderFormData,
): Promise<{ audience: Audience; destination: Destination }> {
  const { audienceId, destination } = formData;
  if (!audienceId || !destination?.destinationId) {
    throw new Error('Choose the audience and the destination first');
  }
  const api = audienceSyncsApiFrom(apiHolder);
  try {
    const [audience, chosenDestination] = await Promise.all([
      api.getAudience(audienceId),
      api.getDestination(destination.destinationId),
    ]);
    return { audience, destination: chosenDestination };
  } catch (error) {
    throw new Error(serverMessage(error));
  }
}
