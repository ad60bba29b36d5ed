import {
  createScaffolderFieldExtension,
  CustomFieldExtensionSchema,
  FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import {
  audiencePickerField,
  audienceSyncReviewField,
  destinationObjectPickerField,
  fieldMappingsField,
  identifierMappingField,
  schedulePickerField,
  alertThresholdsField,
} from './components/scaffolder/syncBuilderFields';
import { audienceSyncsPlugin } from './plugin';

/*
 * The sync builder's fields for legacy apps: render each inside `<ScaffolderFieldExtensions>` under the
 * scaffolder's route, e.g. `<AudiencePickerFieldExtension />`, so the `create-audience-sync` template's
 * `ui:field`s resolve. The new frontend system gets them from `audienceSyncsScaffolderModule` in `./alpha`.
 */

/** A builder field as a legacy extension, which takes the plain JSON schema of its value. */
function provideBuilderField<TValue>(
  field: Omit<FieldExtensionOptions<TValue>, 'schema'> & {
    schema: { schema: CustomFieldExtensionSchema };
  },
) {
  return audienceSyncsPlugin.provide(
    createScaffolderFieldExtension({ ...field, schema: field.schema.schema }),
  );
}

/**
 * The builder step that picks the audience to sync.
 *
 * @public
 */
export const AudiencePickerFieldExtension =
  provideBuilderField(audiencePickerField);
/**
 * The builder step that picks (or names a new) object in the destination.
 *
 * @public
 */
export const DestinationObjectPickerFieldExtension = provideBuilderField(
  destinationObjectPickerField,
);
/**
 * The builder step that says which entity key identifies members in the destination.
 *
 * @public
 */
export const IdentifierMappingFieldExtension = provideBuilderField(
  identifierMappingField,
);
/**
 * The builder step that maps traits and attributes to destination fields.
 *
 * @public
 */
export const FieldMappingsFieldExtension =
  provideBuilderField(fieldMappingsField);
/**
 * The builder step that sets how often the sync runs.
 *
 * @public
 */
export const SchedulePickerFieldExtension =
  provideBuilderField(schedulePickerField);
/**
 * The builder's alert thresholds, on the schedule page.
 *
 * @public
 */
export const AlertThresholdsFieldExtension =
  provideBuilderField(alertThresholdsField);
/**
 * The builder's last step: the sync as it will be created, with its warnings.
 *
 * @public
 */
export const AudienceSyncReviewFieldExtension = provideBuilderField(
  audienceSyncReviewField,
);
