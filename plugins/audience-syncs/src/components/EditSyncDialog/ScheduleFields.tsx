import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Audience,
  describeSchedule,
  nextRunTimes,
  Schedule,
  SCHEDULE_TYPES,
  ScheduleType,
  scheduleWarning,
  validateSchedule,
} from '@internal/plugin-audience-syncs-common';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { SCHEDULE_TYPE_LABELS } from '../shared/labels';
import { EditSyncForm, EditSyncFormErrors, formSchedule } from './editSyncForm';

const PREVIEW_RUNS = 3;

function evaluationWarning(schedule: Schedule, audience: Audience) {
  try {
    return scheduleWarning(schedule, audience.evaluationSchedule);
  } catch {
    // An unreadable evaluation schedule is the audience's problem; the detail page reports it.
    return undefined;
  }
}

export interface ScheduleFieldsProps {
  form: EditSyncForm;
  onChange: (schedule: EditSyncForm['schedule']) => void;
  errors: EditSyncFormErrors;
  audience?: Audience;
}

/** Schedule type, cron expression and time zone, with a preview of the next runs (guide, step 7). */
export const ScheduleFields = ({
  form,
  onChange,
  errors,
  audience,
}: ScheduleFieldsProps) => {
  const { schedule } = form;
  const preview = useMemo(() => {
    const value = formSchedule(form);
    // The server validates on save; the preview only shows while the schedule is readable.
    if (validateSchedule(value).length > 0) {
      return undefined;
    }
    return {
      description: describeSchedule(value),
      runs: nextRunTimes(value, new Date(), PREVIEW_RUNS),
      warning: audience ? evaluationWarning(value, audience) : undefined,
    };
  }, [form, audience]);

  return (
    <Box>
      <Grid container spacing={1}>
        <Grid item xs={12} sm={4}>
          <TextField
            select
            fullWidth
            variant="outlined"
            margin="dense"
            id="edit-sync-schedule-type"
            label="Schedule"
            value={schedule.type}
            onChange={event =>
              onChange({
                ...schedule,
                type: event.target.value as ScheduleType,
              })
            }
            error={Boolean(errors.scheduleType)}
            helperText={errors.scheduleType}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
          >
            {SCHEDULE_TYPES.map(type => (
              <option key={type} value={type}>
                {SCHEDULE_TYPE_LABELS[type]}
              </option>
            ))}
          </TextField>
        </Grid>
        {schedule.type === 'cron' && (
          <Grid item xs={12} sm={4}>
            <TextField
              fullWidth
              variant="outlined"
              margin="dense"
              id="edit-sync-cron"
              label="Cron expression"
              placeholder="0 9 * * 1-5"
              value={schedule.cron}
              onChange={event =>
                onChange({ ...schedule, cron: event.target.value })
              }
              error={Boolean(errors.cron)}
              helperText={
                errors.cron ?? 'minute hour day-of-month month day-of-week'
              }
              InputLabelProps={{ shrink: true }}
            />
          </Grid>
        )}
        {schedule.type !== 'manual' && (
          <Grid item xs={12} sm={4}>
            <TextField
              fullWidth
              variant="outlined"
              margin="dense"
              id="edit-sync-timezone"
              label="Time zone"
              placeholder="UTC"
              value={schedule.timezone}
              onChange={event =>
                onChange({ ...schedule, timezone: event.target.value })
              }
              error={Boolean(errors.timezone)}
              helperText={errors.timezone ?? 'IANA name, e.g. Europe/Berlin'}
              InputLabelProps={{ shrink: true }}
            />
          </Grid>
        )}
      </Grid>
      {preview && (
        <Typography variant="body2" color="textSecondary">
          {preview.description}
          {preview.runs.length > 0 &&
            `. Next runs (your time): ${preview.runs
              .map(run =>
                DateTime.fromJSDate(run).toLocaleString(DateTime.DATETIME_MED),
              )
              .join(', ')}`}
        </Typography>
      )}
      {preview?.warning && (
        <Box mt={1}>
          <Alert severity="warning">{preview.warning}</Alert>
        </Box>
      )}
    </Box>
  );
};
