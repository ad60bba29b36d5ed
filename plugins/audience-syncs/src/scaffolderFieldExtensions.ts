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

export const AudiencePickerFieldExtension =
  provideBuilderField(audiencePickerField);
export const DestinationObjectPickerFieldExtension = provideBuilderField(
  destinationObjectPickerField,
);
export const IdentifierMappingFieldExtension = provideBuilderField(
  identifierMappingField,
);
export const FieldMappingsFieldExtension =
  provideBuilderField(fieldMappingsField);
export const SchedulePickerFieldExtension =
  provideBuilderField(schedulePickerField);
export const AudienceSyncReviewFieldExtension = provideBuilderField(
  audienceSyncReviewField,
);
