import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  AlertThresholdsFieldExtension,
  AudiencePickerFieldExtension,
  AudienceSyncReviewFieldExtension,
  DestinationObjectPickerFieldExtension,
  FieldMappingsFieldExtension,
  IdentifierMappingFieldExtension,
  SchedulePickerFieldExtension,
} from './scaffolderFieldExtensions';

/** Lists the fields a legacy scaffolder page finds among its children, as its router does. */
const FieldNames = () => {
  const fields = useCustomFieldExtensions(
    <ScaffolderFieldExtensions>
      <AudiencePickerFieldExtension />
      <DestinationObjectPickerFieldExtension />
      <IdentifierMappingFieldExtension />
      <FieldMappingsFieldExtension />
      <SchedulePickerFieldExtension />
      <AlertThresholdsFieldExtension />
      <AudienceSyncReviewFieldExtension />
    </ScaffolderFieldExtensions>,
  );
  return <>{fields.map(field => field.name).join(',')}</>;
};

describe('the sync builder field extensions (legacy frontend system)', () => {
  it("provides each field under the template's ui:field name", async () => {
    await renderInTestApp(<FieldNames />);
    expect(
      screen.getByText(
        'AudiencePicker,DestinationObjectPicker,IdentifierMapping,FieldMappings,SchedulePicker,AlertThresholds,AudienceSyncReview',
      ),
    ).toBeInTheDocument();
  });
});
