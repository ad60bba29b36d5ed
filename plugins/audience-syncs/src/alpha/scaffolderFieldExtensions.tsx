import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  createFormField,
  FormFieldBlueprint,
  FormFieldExtensionData,
} from '@backstage/plugin-scaffolder-react/alpha';
import type * as SyncBuilderFields from '../components/scaffolder/syncBuilderFields';

/**
 * A form field of the sync builder, loaded with the others when the scaffolder first needs its fields. The
 * scaffolder keys fields by the name given to `createFormField` (the template's `ui:field`, e.g.
 * `AudiencePicker`); `extensionName` only names the extension.
 */
function builderFormField(
  extensionName: string,
  pick: (fields: typeof SyncBuilderFields) => FormFieldExtensionData,
) {
  return FormFieldBlueprint.make({
    name: extensionName,
    params: {
      field: () =>
        import('../components/scaffolder/syncBuilderFields').then(fields =>
          createFormField(pick(fields)),
        ),
    },
  });
}

/** Every field of the sync builder, in the order of the template's pages. */
export const syncBuilderFormFields = [
  builderFormField('audience-picker', f => f.audiencePickerField),
  builderFormField(
    'destination-object-picker',
    f => f.destinationObjectPickerField,
  ),
  builderFormField('identifier-mapping', f => f.identifierMappingField),
  builderFormField('field-mappings', f => f.fieldMappingsField),
  builderFormField('schedule-picker', f => f.schedulePickerField),
  builderFormField('alert-thresholds', f => f.alertThresholdsField),
  builderFormField('audience-sync-review', f => f.audienceSyncReviewField),
];

/**
 * The sync builder's fields for the scaffolder (new frontend system): install it beside the scaffolder plugin
 * so the `create-audience-sync` template's custom `ui:field`s resolve.
 *
 * @alpha
 */
export const audienceSyncsScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: syncBuilderFormFields,
});
