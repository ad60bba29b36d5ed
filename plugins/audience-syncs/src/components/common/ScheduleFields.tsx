import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Audience,
  describeSchedule,
  evaluationScheduleNotice,
  nextRunTimes,
  runsAfterEvaluation,
  Schedule,
  SCHEDULE_TYPES,
  scheduleProblems,
  ScheduleType,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { SCHEDULE_TYPE_BEST_FOR, SCHEDULE_TYPE_LABELS } from './labels';
import {
  ScheduleDraft,
  ScheduleDraftErrors,
  toSchedule,
} from './scheduleDraft';

const PREVIEW_RUNS = 5;

function evaluationNotice(schedule: Schedule, audience: Audience) {
  try {
    return evaluationScheduleNotice(schedule, audience.evaluationSchedule);
  } catch {
    // An unreadable evaluation schedule is the audience's problem; the detail page reports it.
    return undefined;
  }
}

export interface ScheduleFieldsProps {
  /** Prefix of the inputs' ids. */
  id: string;
  value: ScheduleDraft;
  onChange: (schedule: ScheduleDraft) => void;
  errors: ScheduleDraftErrors;
  /**
   * The audience the sync reads: a schedule faster than its evaluations gets a warning, and one that runs
   * after each evaluation says which evaluation schedule it follows.
   */
  audience?: Audience;
}

/**
 * Schedule type (with what each is best for), cron expression and time zone, with a readable description and
 * the next runs in the user's time.
 */
export const ScheduleFields = ({
  id,
  value,
  onChange,
  errors,
  audience,
}: ScheduleFieldsProps) => {
  const preview = useMemo(() => {
    const schedule = toSchedule(value);
    // Invalid inputs show their errors instead; the preview only shows while the schedule is readable.
    if (scheduleProblems(schedule).length > 0) {
      return undefined;
    }
    return {
      description: describeSchedule(schedule),
      runs: nextRunTimes(schedule, new Date(), PREVIEW_RUNS),
      notice: audience ? evaluationNotice(schedule, audience) : undefined,
    };
  }, [value, audience]);

  return (
    <Box>
      <Grid container spacing={1}>
        <Grid item xs={12} sm={4}>
          <TextField
            select
            fullWidth
            variant="outlined"
            margin="dense"
            id={`${id}-type`}
            label="Schedule"
            value={value.type}
            onChange={event =>
              onChange({ ...value, type: event.target.value as ScheduleType })
            }
            error={Boolean(errors.type)}
            helperText={
              errors.type ?? `Best for: ${SCHEDULE_TYPE_BEST_FOR[value.type]}`
            }
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
        {value.type === 'cron' && (
          <Grid item xs={12} sm={4}>
            <TextField
              fullWidth
              variant="outlined"
              margin="dense"
              id={`${id}-cron`}
              label="Cron expression"
              placeholder="0 9 * * 1-5"
              value={value.cron}
              onChange={event =>
                onChange({ ...value, cron: event.target.value })
              }
              error={Boolean(errors.cron)}
              helperText={
                errors.cron ?? 'minute hour day-of-month month day-of-week'
              }
              InputLabelProps={{ shrink: true }}
            />
          </Grid>
        )}
        {value.type !== 'manual' && !runsAfterEvaluation(value) && (
          <Grid item xs={12} sm={4}>
            <TextField
              fullWidth
              variant="outlined"
              margin="dense"
              id={`${id}-timezone`}
              label="Time zone"
              placeholder="UTC"
              value={value.timezone}
              onChange={event =>
                onChange({ ...value, timezone: event.target.value })
              }
              error={Boolean(errors.timezone)}
              helperText={errors.timezone ?? 'IANA name, e.g. Europe/Berlin'}
              InputLabelProps={{ shrink: true }}
            />
          </Grid>
        )}
      </Grid>
      {preview && (
        <Box mt={1}>
          <Typography variant="body2">{preview.description}</Typography>
          {preview.runs.length > 0 && (
            <Typography variant="body2" color="textSecondary" component="div">
              Next runs (your time):
              <ul aria-label="Next runs">
                {preview.runs.map(run => (
                  <li key={run.getTime()}>
                    {DateTime.fromJSDate(run).toLocaleString(
                      DateTime.DATETIME_MED_WITH_WEEKDAY,
                    )}
                  </li>
                ))}
              </ul>
            </Typography>
          )}
        </Box>
      )}
      {preview?.notice && (
        <Box mt={1}>
          <Alert severity={preview.notice.severity}>
            {preview.notice.message}
          </Alert>
        </Box>
      )}
    </Box>
  );
};
