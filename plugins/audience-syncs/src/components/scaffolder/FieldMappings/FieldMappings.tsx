import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  FieldMapping,
  fieldMappingProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  FieldMappingErrors,
  fieldMappingErrors,
} from '../../shared/fieldMappingErrors';
import { FieldMappingsFields } from '../../shared/FieldMappingsFields';
import { ChosenAudienceAndDestination } from '../ChosenAudienceAndDestination';
import { builderFormData } from '../SyncBuilderFormData';

const NO_ERRORS: FieldMappingErrors = { rows: {} };

/**
 * Traits and attributes of the chosen audience sent to fields of the chosen destination,
 * picked from the destination's field list where it has one; disabled, saying why, for a destination that
 * takes identifiers only.
 */
export const FieldMappings = ({
  formData,
  onChange,
  rawErrors,
  formContext,
  idSchema,
}: FieldExtensionComponentProps<FieldMapping[]>) => (
  <ChosenAudienceAndDestination formData={builderFormData(formContext)}>
    {({ audience, destination }) => {
      const mappings = formData ?? [];
      // Problems appear once "Next" found some, then follow each edit, so a new row is not red while typed.
      const errors = rawErrors?.length
        ? fieldMappingErrors(
            fieldMappingProblems(mappings, audience, destination),
          )
        : NO_ERRORS;
      return (
        <FieldMappingsFields
          id={idSchema?.$id ?? 'fieldMappings'}
          mappings={mappings}
          onChange={onChange}
          audience={audience}
          destination={destination}
          error={errors.general}
          rowErrors={errors.rows}
        />
      );
    }}
  </ChosenAudienceAndDestination>
);
