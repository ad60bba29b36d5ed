import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import {
  AudienceSync,
  Destination,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  DestinationObjectSelect,
  ObjectSelection,
} from '../common/DestinationObjectSelect';

export interface DestinationObjectFieldProps {
  sync: AudienceSync;
  destination?: Destination;
  value: ObjectSelection;
  onChange: (object: ObjectSelection) => void;
  error?: string;
}

/**
 * The object the sync fills; its current one stays selectable while the list loads or if the destination no
 * longer lists it. Changing it starts the sync over from an empty ledger, which the dialog says.
 */
export const DestinationObjectField = ({
  sync,
  destination,
  value,
  onChange,
  error,
}: DestinationObjectFieldProps) => {
  const label = destination?.capabilities.objectLabel ?? 'Destination object';
  const changed = 'create' in value || value.id !== sync.object.id;
  return (
    <>
      <DestinationObjectSelect
        id="edit-sync-object"
        destinationId={sync.destinationId}
        destination={destination}
        value={value}
        onChange={onChange}
        current={sync.object}
        error={error}
      />
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
