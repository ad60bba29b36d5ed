import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import { IdentifierMapping as IdentifierMappingValue } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ChosenAudienceAndDestination } from '../ChosenAudienceAndDestination';
import { builderFormData } from '../SyncBuilderFormData';
import { IdentifierChoices } from './IdentifierChoices';

/**
 * How the destination matches incoming members: only pairs of an entity key the chosen
 * audience has and an identifier field the chosen destination offers for it.
 */
export const IdentifierMapping = ({
  formData,
  onChange,
  rawErrors,
  required,
  schema,
  formContext,
}: FieldExtensionComponentProps<IdentifierMappingValue>) => (
  <FormControl
    component="fieldset"
    fullWidth
    required={required}
    error={Boolean(rawErrors?.length)}
  >
    <FormLabel component="legend">
      {schema.title ?? 'Identifier mapping'}
    </FormLabel>
    <ChosenAudienceAndDestination formData={builderFormData(formContext)}>
      {({ audience, destination }) => (
        <IdentifierChoices
          value={formData}
          onChange={onChange}
          audience={audience}
          destination={destination}
        />
      )}
    </ChosenAudienceAndDestination>
    {rawErrors?.map(error => (
      <FormHelperText key={error}>{error}</FormHelperText>
    ))}
  </FormControl>
);
