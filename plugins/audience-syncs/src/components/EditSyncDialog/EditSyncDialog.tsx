import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Audience,
  AudienceSync,
  Destination,
} from '@internal/plugin-audience-syncs-common';
import { useState } from 'react';
import { audienceSyncsApiRef } from '../../api';
import { serverMessage, statusOf } from '../shared/errorMessages';
import { FieldMappingsFields } from '../shared/FieldMappingsFields';
import { parseFieldErrors } from '../shared/parseFieldErrors';
import { ScheduleFields } from '../shared/ScheduleFields';
import { DestinationObjectField } from './DestinationObjectField';
import {
  EditSyncFormErrors,
  toEditSyncForm,
  toFormErrors,
  toUpdateRequest,
} from './editSyncForm';
import { ModeField } from './ModeField';

export interface EditSyncDialogProps {
  open: boolean;
  sync: AudienceSync;
  audience?: Audience;
  destination?: Destination;
  onClose: () => void;
  /** The server saved the sync. */
  onSaved: (sync: AudienceSync) => void;
  /** The server refused the edit with 403; `reason` is its message. */
  onDenied: (reason: string) => void;
}

const NO_ERRORS: EditSyncFormErrors = { fieldMappingRows: {}, general: [] };

/**
 * Edit a sync's mode, field mappings, schedule and destination object (guide: "Editing a Sync"). The server's
 * 400 problems appear next to their fields; its warnings are shown after saving.
 */
export const EditSyncDialog = ({
  open,
  sync,
  audience,
  destination,
  onClose,
  onSaved,
  onDenied,
}: EditSyncDialogProps) => {
  const api = useApi(audienceSyncsApiRef);
  const [form, setForm] = useState(() => toEditSyncForm(sync));
  const [errors, setErrors] = useState<EditSyncFormErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const [warnings, setWarnings] = useState<string[]>();

  const request = toUpdateRequest(form, sync);
  const changed = Object.keys(request).length > 0;

  const save = async () => {
    setSaving(true);
    setErrors(NO_ERRORS);
    try {
      const response = await api.updateSync(sync.id, request);
      onSaved(response.sync);
      if (response.warnings.length > 0) {
        setWarnings(response.warnings);
      } else {
        onClose();
      }
    } catch (error) {
      const status = statusOf(error);
      if (status === 403) {
        onDenied(serverMessage(error));
        onClose();
      } else if (status === 400) {
        setErrors(toFormErrors(parseFieldErrors(serverMessage(error))));
      } else {
        setErrors({ ...NO_ERRORS, general: [serverMessage(error)] });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="edit-sync-title"
    >
      <DialogTitle id="edit-sync-title">Edit “{sync.name}”</DialogTitle>
      {warnings ? (
        <DialogContent>
          <Alert severity="success">
            Saved. The changes take effect on the next run; saving did not start
            one.
          </Alert>
          {warnings.map(warning => (
            <Box mt={1} key={warning}>
              <Alert severity="warning">{warning}</Alert>
            </Box>
          ))}
        </DialogContent>
      ) : (
        <DialogContent>
          <DialogContentText>
            Changes take effect on the next sync run. Saving does not start a
            run.
          </DialogContentText>
          {errors.general.length > 0 && (
            <Box mb={2}>
              <Alert severity="error">
                <AlertTitle>The sync was not saved</AlertTitle>
                {errors.general.map(message => (
                  <div key={message}>{message}</div>
                ))}
              </Alert>
            </Box>
          )}
          <Box mb={2}>
            <ModeField
              value={form.mode}
              onChange={mode => setForm(f => ({ ...f, mode }))}
              error={errors.mode}
            />
          </Box>
          <Box mb={2}>
            <DestinationObjectField
              sync={sync}
              destination={destination}
              value={form.object}
              onChange={object => setForm(f => ({ ...f, object }))}
              error={errors.object}
            />
          </Box>
          <Box mb={2}>
            <FieldMappingsFields
              id="edit-sync-mapping"
              mappings={form.fieldMappings}
              onChange={fieldMappings =>
                setForm(f => ({ ...f, fieldMappings }))
              }
              audience={audience}
              destination={destination}
              error={errors.fieldMappings}
              rowErrors={errors.fieldMappingRows}
            />
          </Box>
          <ScheduleFields
            id="edit-sync-schedule"
            value={form.schedule}
            onChange={schedule => setForm(f => ({ ...f, schedule }))}
            errors={{
              type: errors.scheduleType,
              cron: errors.cron,
              timezone: errors.timezone,
            }}
            audience={audience}
          />
        </DialogContent>
      )}
      <DialogActions>
        {warnings ? (
          <Button color="primary" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={saving}>
              Cancel
            </Button>
            <Button
              color="primary"
              variant="contained"
              onClick={save}
              disabled={!changed || saving}
              startIcon={saving ? <CircularProgress size={16} /> : undefined}
            >
              Save
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};
