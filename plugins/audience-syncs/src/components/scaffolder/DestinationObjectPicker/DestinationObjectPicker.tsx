import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import {
  Destination,
  destinationProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../../api';
import { DestinationObjectSelect } from '../../common/DestinationObjectSelect';
import { serverMessage } from '../../common/errorMessages';
import { DestinationChoice } from '../SyncBuilderFormData';
import { destinationLabel } from '../../common/destinationLabel';

/** Why a destination cannot receive a sync, or undefined when it can. */
const refusalOf = (destination: Destination) =>
  destinationProblems(destination.id, destination)[0]?.message;

/**
 * The destination, then the object in it: one of the destination's objects, or, where the
 * destination allows it, a new one that is created when the sync is saved. Destinations that do not take
 * audience syncs are listed but disabled, saying so.
 */
export const DestinationObjectPicker = ({
  formData,
  onChange,
  rawErrors,
  required,
  disabled,
  schema,
  idSchema,
}: FieldExtensionComponentProps<DestinationChoice>) => {
  const api = useApi(audienceSyncsApiRef);
  const destinations = useAsync(() => api.listDestinations(), [api]);
  const id = idSchema?.$id ?? 'destination';
  const destinationId = formData?.destinationId;
  const destination = destinations.value?.find(d => d.id === destinationId);
  const refusal = destination && refusalOf(destination);

  let helperText =
    schema.description ??
    'Destinations that do not take audience syncs cannot be chosen.';
  if (destinations.error) {
    helperText = `The destinations could not be loaded: ${serverMessage(
      destinations.error,
    )}`;
  } else if (refusal) {
    helperText = refusal;
  }

  return (
    <>
      <TextField
        select
        fullWidth
        variant="outlined"
        margin="dense"
        id={id}
        label={schema.title ?? 'Destination'}
        required={required}
        disabled={disabled}
        value={destinationId ?? ''}
        // Another destination has other objects: the object is chosen again.
        onChange={event => onChange({ destinationId: event.target.value })}
        error={Boolean(destinations.error || refusal)}
        helperText={helperText}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        {!destinationId && (
          <option value="" disabled>
            Choose a destination
          </option>
        )}
        {destinationId && !destination && (
          <option value={destinationId}>{destinationId}</option>
        )}
        {destinations.value?.map(d => (
          <option key={d.id} value={d.id} disabled={refusalOf(d) !== undefined}>
            {`${destinationLabel(d)}${
              refusalOf(d) ? ': does not support audience syncs' : ''
            }`}
          </option>
        ))}
      </TextField>
      {destination && !refusal && (
        <DestinationObjectSelect
          id={`${id}-object`}
          destinationId={destination.id}
          destination={destination}
          value={formData?.object}
          onChange={object =>
            onChange({ destinationId: destination.id, object })
          }
          required={required}
        />
      )}
      {rawErrors?.map(error => (
        <FormHelperText key={error} error>
          {error}
        </FormHelperText>
      ))}
    </>
  );
};
