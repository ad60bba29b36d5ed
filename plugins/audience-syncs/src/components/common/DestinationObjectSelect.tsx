import TextField from '@material-ui/core/TextField';
import {
  CreateSyncRequest,
  Destination,
  DestinationObject,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { serverMessage } from './errorMessages';
import { useDestinationObjects } from './useDestinationObjects';

/** The object of a sync as requests name it: an existing one by id, or a new one to create on save. */
export type ObjectSelection = CreateSyncRequest['object'];

const CREATE = '__create__';

export interface DestinationObjectSelectProps {
  /** Id of the select; the name input of a new object gets `<id>-name`. */
  id: string;
  destinationId: string;
  /** Names the object ("Custom Audience") and says whether Backstage may create one; may still be loading. */
  destination?: Destination;
  /** Nothing chosen yet when undefined. */
  value?: ObjectSelection;
  onChange: (object: ObjectSelection) => void;
  /** Offered even when the destination does not list it (yet), e.g. the sync's current object. */
  current?: DestinationObject;
  error?: string;
  required?: boolean;
}

/**
 * One of the destination's objects, loaded from it, or a new one where the destination lets Backstage create
 * it: only its name is asked here, the object is created when the sync is saved.
 */
export const DestinationObjectSelect = ({
  id,
  destinationId,
  destination,
  value,
  onChange,
  current,
  error,
  required,
}: DestinationObjectSelectProps) => {
  const objects = useDestinationObjects(destinationId);
  const label = destination?.capabilities.objectLabel ?? 'Destination object';
  const canCreate = destination?.capabilities.canCreateObjects === true;

  const options: DestinationObject[] = [...(objects.value ?? [])];
  if (current && !options.some(o => o.id === current.id)) {
    options.unshift(current);
  }

  let helperText = error;
  if (!helperText && objects.loading) {
    helperText = `Loading the ${label} list…`;
  } else if (!helperText && objects.error) {
    helperText = `The ${label} list could not be loaded: ${serverMessage(
      objects.error,
    )}`;
  }

  let selected = '';
  if (value && 'create' in value) {
    selected = CREATE;
  } else if (value) {
    selected = value.id;
  }

  return (
    <>
      <TextField
        select
        fullWidth
        variant="outlined"
        margin="dense"
        id={id}
        label={label}
        required={required}
        value={selected}
        onChange={event =>
          onChange(
            event.target.value === CREATE
              ? { create: { name: '' } }
              : { id: event.target.value },
          )
        }
        error={Boolean(error || objects.error)}
        helperText={helperText}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        {selected === '' && (
          <option value="" disabled>
            Choose a {label}
          </option>
        )}
        {options.map(object => (
          <option key={object.id} value={object.id}>
            {object.name}
          </option>
        ))}
        {canCreate && <option value={CREATE}>Create a new {label}…</option>}
      </TextField>
      {value && 'create' in value && (
        <TextField
          fullWidth
          variant="outlined"
          margin="dense"
          id={`${id}-name`}
          label={`Name of the new ${label}`}
          required={required}
          value={value.create.name}
          onChange={event => onChange({ create: { name: event.target.value } })}
          error={Boolean(error)}
          helperText={`Created in ${
            destination?.typeLabel ?? 'the destination'
          } when the sync is saved.`}
          InputLabelProps={{ shrink: true }}
        />
      )}
    </>
  );
};
