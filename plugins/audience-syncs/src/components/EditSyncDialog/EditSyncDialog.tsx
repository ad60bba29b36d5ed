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
  parseFieldPath,
  SyncProblem,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useState } from 'react';
import { audienceSyncsApiRef, syncProblemsOf } from '../../api';
import { serverMessage, statusOf } from '../common/errorMessages';
import { AlertThresholdsPicker } from '../common/AlertThresholdsPicker';
import { FieldMappingsFields } from '../common/FieldMappingsFields';
import { useDestinationFields } from '../common/useDestinationFields';
import { ScheduleFields } from '../common/ScheduleFields';
import { DestinationObjectField } from './DestinationObjectField';
import {
  EditSyncForm,
  formProblems,
  toEditSyncForm,
  toFormErrors,
  toUpdateRequest,
} from './editSyncForm';
import { ModeField } from './ModeField';
import { NextRunPreviewAlert } from './NextRunPreviewAlert';
import { RemovalGuardFields } from './RemovalGuardFields';
import { useEditPreview } from './useEditPreview';

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
  /** The sync as the server has it now, read again after someone else changed it (409). */
  onReloaded?: (sync: AudienceSync) => void;
}

/** Why the last save failed: the server's problems with the form, or its message when it named none. */
interface SaveFailure {
  problems: SyncProblem[];
  message?: string;
  /** The server refused because the sync changed since it was loaded (409): a reload is the way on. */
  conflict?: string;
}

const NO_FAILURE: SaveFailure = { problems: [] };

/**
 * Edit a sync's mode, field mappings, schedule, destination object and removal guard. The shared
 * checks of the schedule run as it is typed, those of the field mappings once a save was tried; the server's
 * 400 problems appear next to their fields until the next edit; its warnings are shown after saving. The
 * save names the version of the sync the form was loaded from, so that a change someone else made in the
 * meantime is not overwritten: the server refuses it (409) and the dialog offers to reload.
 */
export const EditSyncDialog = ({
  open,
  sync,
  audience,
  destination,
  onClose,
  onSaved,
  onDenied,
  onReloaded,
}: EditSyncDialogProps) => {
  const api = useApi(audienceSyncsApiRef);
  // What the form was loaded from: the prop, or the sync as read again after a conflict.
  const [loaded, setLoaded] = useState(sync);
  const [form, setForm] = useState(() => toEditSyncForm(sync));
  const [failure, setFailure] = useState<SaveFailure>(NO_FAILURE);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [warnings, setWarnings] = useState<string[]>();

  const request = toUpdateRequest(form, loaded);
  const changed = Object.keys(request).length > 0;
  // A new mapping row is not flagged while it is being filled in, only once a save was tried.
  const fields = useDestinationFields(destination, form.object);
  const [reloading, setReloading] = useState(false);
  const formChecks = formProblems(form, audience, destination, fields.value);
  const checked = formChecks.filter(
    problem => tried || parseFieldPath(problem.field)[0] === 'schedule',
  );
  // Asked of the server only for an edit the form's own checks pass, as a save would send it.
  const preview = useEditPreview(
    sync.id,
    changed && formChecks.length === 0 && !warnings
      ? { ...request, version: loaded.version }
      : undefined,
  );
  const errors = toFormErrors([...checked, ...failure.problems]);
  if (failure.message) {
    errors.general.push(failure.message);
  }
  const edit = (change: Partial<EditSyncForm>) => {
    setForm(current => ({ ...current, ...change }));
    setFailure(NO_FAILURE);
  };

  const save = async () => {
    setSaving(true);
    setTried(true);
    setFailure(NO_FAILURE);
    try {
      const response = await api.updateSync(sync.id, {
        ...request,
        version: loaded.version,
      });
      onSaved(response.sync);
      if (response.warnings.length > 0) {
        setWarnings(response.warnings);
      } else {
        onClose();
      }
    } catch (error) {
      if (statusOf(error) === 403) {
        onDenied(serverMessage(error));
        onClose();
      } else if (statusOf(error) === 409) {
        setFailure({ problems: [], conflict: serverMessage(error) });
      } else {
        const problems = syncProblemsOf(error);
        setFailure({
          problems,
          message: problems.length > 0 ? undefined : serverMessage(error),
        });
      }
    } finally {
      setSaving(false);
    }
  };

  /** Starts the form again from the sync as it is now; what was typed here is discarded. */
  const reload = async () => {
    setReloading(true);
    try {
      const current = await api.getSync(sync.id);
      setLoaded(current);
      setForm(toEditSyncForm(current));
      setFailure(NO_FAILURE);
      setTried(false);
      onReloaded?.(current);
    } catch (error) {
      setFailure(previous => ({
        ...previous,
        conflict: `${
          previous.conflict
        } The sync could not be read again: ${serverMessage(error)}`,
      }));
    } finally {
      setReloading(false);
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
      <DialogTitle id="edit-sync-title">Edit “{loaded.name}”</DialogTitle>
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
          {failure.conflict && (
            <Box mb={2}>
              <Alert
                severity="warning"
                action={
                  <Button
                    color="inherit"
                    size="small"
                    onClick={reload}
                    disabled={reloading}
                  >
                    Reload
                  </Button>
                }
              >
                <AlertTitle>
                  Someone else changed this sync while you were editing it
                </AlertTitle>
                {failure.conflict} Reload to start again from the current sync;
                the changes made here are discarded.
              </Alert>
            </Box>
          )}
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
              onChange={mode => edit({ mode })}
              error={errors.mode}
            />
          </Box>
          <Box mb={2}>
            <DestinationObjectField
              sync={loaded}
              destination={destination}
              value={form.object}
              onChange={object => edit({ object })}
              error={errors.object}
            />
          </Box>
          <Box mb={2}>
            <FieldMappingsFields
              id="edit-sync-mapping"
              mappings={form.fieldMappings}
              onChange={fieldMappings => edit({ fieldMappings })}
              audience={audience}
              destination={destination}
              fieldSchema={fields.value}
              error={
                fields.error
                  ? `The fields of ${
                      destination?.name
                    } could not be read: ${serverMessage(fields.error)}`
                  : errors.fieldMappings
              }
              rowErrors={errors.fieldMappingRows}
            />
          </Box>
          <ScheduleFields
            id="edit-sync-schedule"
            value={form.schedule}
            onChange={schedule => edit({ schedule })}
            errors={{
              type: errors.scheduleType,
              cron: errors.cron,
              timezone: errors.timezone,
            }}
            audience={audience}
          />
          <Box mt={2}>
            <RemovalGuardFields
              value={form.removalGuard}
              onChange={removalGuard => edit({ removalGuard })}
              errors={{
                maxShare: errors.guardMaxShare,
                minRemovals: errors.guardMinRemovals,
              }}
            />
          </Box>
          <Box mt={2}>
            <AlertThresholdsPicker
              id="edit-sync-alerts"
              value={form.alerts}
              onChange={alerts => edit({ alerts })}
              errors={{
                invalidShare: errors.alertInvalidShare,
                rowCountSwing: errors.alertRowCountSwing,
              }}
            />
          </Box>
          {changed && formChecks.length === 0 && (
            <Box mt={2}>
              <NextRunPreviewAlert
                preview={preview.value}
                error={preview.error}
                settled={preview.settled}
                mode={form.mode}
              />
            </Box>
          )}
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
