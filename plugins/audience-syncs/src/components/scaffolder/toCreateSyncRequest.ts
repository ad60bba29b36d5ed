import { CreateSyncRequest } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SyncBuilderFormData } from './SyncBuilderFormData';

/** Said instead of checking a form that lacks a required choice. */
export const INCOMPLETE_FORM =
  'Some choices are missing: go back and complete every page';

/**
 * The create request the template's action sends for this form, to check it with a dry run; undefined while a
 * required choice (audience, destination and object, identifier, schedule) is missing.
 */
export function toCreateSyncRequest(
  data: SyncBuilderFormData,
): CreateSyncRequest | undefined {
  const { audienceId, destination, identifier, schedule } = data;
  if (
    !audienceId ||
    !destination?.destinationId ||
    !destination.object ||
    !identifier ||
    !schedule
  ) {
    return undefined;
  }
  return {
    audienceId,
    destinationId: destination.destinationId,
    object: destination.object,
    identifier,
    schedule,
    ...(data.mode ? { mode: data.mode } : {}),
    ...(data.fieldMappings ? { fieldMappings: data.fieldMappings } : {}),
    ...(data.alerts && Object.keys(data.alerts).length > 0
      ? { alerts: data.alerts }
      : {}),
    ...(data.runNow !== undefined ? { runNow: data.runNow } : {}),
  };
}
