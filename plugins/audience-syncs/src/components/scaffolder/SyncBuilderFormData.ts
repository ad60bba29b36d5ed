import {
  AlertThresholds,
  CreateSyncRequest,
  FieldMapping,
  IdentifierMapping,
  Schedule,
  SyncMode,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * The value of the destination page: the destination, then the object in it (an existing one by id, or a
 * new one to create on save).
 *
 * @public
 */
export interface DestinationChoice {
  destinationId?: string;
  object?: CreateSyncRequest['object'];
}

/**
 * The whole form of the `create-audience-sync` template, keyed as its pages write it. Any value may be missing
 * or half-filled (a later page is not filled yet, or the value came from the URL's `formData`).
 */
export interface SyncBuilderFormData {
  audienceId?: string;
  destination?: DestinationChoice;
  mode?: SyncMode;
  identifier?: IdentifierMapping;
  fieldMappings?: FieldMapping[];
  schedule?: Schedule;
  alerts?: AlertThresholds;
  runNow?: boolean;
}

/**
 * The whole form, as the scaffolder's stepper hands it to every field in `formContext.formData` (a field's own
 * props carry only its own value).
 */
export function builderFormData(formContext: unknown): SyncBuilderFormData {
  const context = formContext as { formData?: SyncBuilderFormData } | undefined;
  return context?.formData ?? {};
}
