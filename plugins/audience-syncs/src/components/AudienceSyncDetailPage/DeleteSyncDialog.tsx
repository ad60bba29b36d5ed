import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import {
  AudienceSync,
  Destination,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useState } from 'react';
import { audienceSyncsApiRef } from '../../api';
import { serverMessage, statusOf } from '../common/errorMessages';
import { destinationLabel } from '../common/destinationLabel';

export interface DeleteSyncDialogProps {
  open: boolean;
  sync: AudienceSync;
  destination?: Destination;
  onClose: () => void;
  onDeleted: () => void;
  /** The server refused the deletion with 403; `reason` is its message. */
  onDenied: (reason: string) => void;
}

/** Asks before deleting a sync, and says that the members already sent stay in the destination. */
export const DeleteSyncDialog = ({
  open,
  sync,
  destination,
  onClose,
  onDeleted,
  onDenied,
}: DeleteSyncDialogProps) => {
  const api = useApi(audienceSyncsApiRef);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();
  const where = destination ? destinationLabel(destination) : 'the destination';
  const objectLabel = destination?.capabilities.objectLabel ?? 'object';

  const confirm = async () => {
    setDeleting(true);
    setError(undefined);
    try {
      await api.deleteSync(sync.id);
      onDeleted();
    } catch (e) {
      if (statusOf(e) === 403) {
        onDenied(serverMessage(e));
        onClose();
      } else {
        setError(serverMessage(e));
      }
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={deleting ? undefined : onClose}
      aria-labelledby="delete-sync-title"
      aria-describedby="delete-sync-description"
    >
      <DialogTitle id="delete-sync-title">Delete “{sync.name}”?</DialogTitle>
      <DialogContent>
        <DialogContentText id="delete-sync-description">
          This permanently deletes the audience sync, its schedule and its run
          history. It does not remove members from the destination: the members
          already sent stay in the {objectLabel} “{sync.object.name}” in {where}
          . Deleting only stops future syncs.
        </DialogContentText>
        {error && <Alert severity="error">Not deleted: {error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={deleting}>
          Cancel
        </Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={confirm}
          disabled={deleting}
          startIcon={deleting ? <CircularProgress size={16} /> : undefined}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
};
