import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  AudienceSync,
  Destination,
  DestinationObject,
} from '@internal/plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';
import { serverMessage } from '../shared/errorMessages';
import { EditSyncForm } from './editSyncForm';

const CREATE = '__create__';

export interface DestinationObjectFieldProps {
  sync: AudienceSync;
  destination?: Destination;
  value: EditSyncForm['object'];
  onChange: (object: EditSyncForm['object']) => void;
  error?: string;
}

/**
 * The object the sync fills: one of the destination's objects, or a new one where the destination lets
 * Backstage create it. Changing it starts the sync over from an empty ledger.
 */
export const DestinationObjectField = ({
  sync,
  destination,
  value,
  onChange,
  error,
}: DestinationObjectFieldProps) => {
  const api = useApi(audienceSyncsApiRef);
  const objects = useAsync(
    () => api.listDestinationObjects(sync.destinationId),
    [api, sync.destinationId],
  );
  const label = destination?.capabilities.objectLabel ?? 'Destination object';
  const canCreate = destination?.capabilities.canCreateObjects === true;

  // The current object stays selectable while the list loads or if the destination no longer lists it.
  const options: DestinationObject[] = [...(objects.value ?? [])];
  if (!options.some(o => o.id === sync.object.id)) {
    options.unshift(sync.object);
  }

  let helperText = error;
  if (!helperText && objects.loading) {
    helperText = `Loading the ${label} list…`;
  } else if (!helperText && objects.error) {
    helperText = `The ${label} list could not be loaded: ${serverMessage(
      objects.error,
    )}`;
  }

  const changed =
    value.kind === 'create' ||
    (value.kind === 'existing' && value.id !== sync.object.id);

  return (
    <>
      <TextField
        select
        fullWidth
        variant="outlined"
        margin="dense"
        id="edit-sync-object"
        label={label}
        value={value.kind === 'create' ? CREATE : value.id}
        onChange={event =>
          onChange(
            event.target.value === CREATE
              ? { kind: 'create', name: '' }
              : { kind: 'existing', id: event.target.value },
          )
        }
        error={Boolean(error || objects.error)}
        helperText={helperText}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        {options.map(object => (
          <option key={object.id} value={object.id}>
            {object.name}
          </option>
        ))}
        {canCreate && <option value={CREATE}>Create a new {label}…</option>}
      </TextField>
      {value.kind === 'create' && (
        <TextField
          fullWidth
          variant="outlined"
          margin="dense"
          id="edit-sync-object-name"
          label={`Name of the new ${label}`}
          value={value.name}
          onChange={event =>
            onChange({ kind: 'create', name: event.target.value })
          }
          error={Boolean(error)}
        />
      )}
      {changed && (
        <Box mt={1}>
          <Alert severity="info">
            A different {label} starts the sync over: its next run is an initial
            run that sends the full membership. Members already sent to “
            {sync.object.name}” stay there.
          </Alert>
        </Box>
      )}
    </>
  );
};
