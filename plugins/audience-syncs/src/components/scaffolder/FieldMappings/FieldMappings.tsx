import { Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  Audience,
  Destination,
  FieldMapping,
  fieldMappingProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { serverMessage } from '../../common/errorMessages';
import {
  FieldMappingErrors,
  fieldMappingErrors,
} from '../../common/fieldMappingErrors';
import { FieldMappingsFields } from '../../common/FieldMappingsFields';
import { useDestinationFields } from '../../common/useDestinationFields';
import { ChosenAudienceAndDestination } from '../ChosenAudienceAndDestination';
import { builderFormData, DestinationChoice } from '../SyncBuilderFormData';

const NO_ERRORS: FieldMappingErrors = { rows: {} };

/** The mapping rows against the chosen object's described fields, once the server read them. */
const DescribedFieldMappings = ({
  id,
  mappings,
  onChange,
  showErrors,
  audience,
  destination,
  object,
}: {
  id: string;
  mappings: FieldMapping[];
  onChange: (mappings: FieldMapping[]) => void;
  showErrors: boolean;
  audience: Audience;
  destination: Destination;
  object: DestinationChoice['object'];
}) => {
  const fields = useDestinationFields(destination, object);
  if (fields.error) {
    return (
      <Alert severity="error">
        The fields of {destination.name} could not be read:{' '}
        {serverMessage(fields.error)}
      </Alert>
    );
  }
  if (fields.loading) {
    return <Progress />;
  }
  // Problems appear once "Next" found some, then follow each edit, so a new row is not red while typed.
  const errors = showErrors
    ? fieldMappingErrors(
        fieldMappingProblems(mappings, audience, destination, fields.value),
      )
    : NO_ERRORS;
  return (
    <FieldMappingsFields
      id={id}
      mappings={mappings}
      onChange={onChange}
      audience={audience}
      destination={destination}
      fieldSchema={fields.value}
      error={errors.general}
      rowErrors={errors.rows}
    />
  );
};

/**
 * Traits and attributes of the chosen audience sent to fields of the chosen destination object, picked
 * from the fields the destination describes (by label, sending the name); free text only where it takes
 * any name; disabled, saying why, for a destination that takes identifiers only.
 */
export const FieldMappings = ({
  formData,
  onChange,
  rawErrors,
  formContext,
  idSchema,
}: FieldExtensionComponentProps<FieldMapping[]>) => {
  const form = builderFormData(formContext);
  return (
    <ChosenAudienceAndDestination formData={form}>
      {({ audience, destination }) => (
        <DescribedFieldMappings
          id={idSchema?.$id ?? 'fieldMappings'}
          mappings={formData ?? []}
          onChange={onChange}
          showErrors={Boolean(rawErrors?.length)}
          audience={audience}
          destination={destination}
          object={form.destination?.object}
        />
      )}
    </ChosenAudienceAndDestination>
  );
};
