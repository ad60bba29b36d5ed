import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { SyncRun } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { RUN_TRIGGER_LABELS } from '../common/labels';
import { RelativeTime } from '../common/RelativeTime';

const count = (n: number) => n.toLocaleString();

/** The live state of a queued or running run; the page refreshes it while it lasts. */
export const RunProgress = ({ run }: { run: SyncRun }) => {
  const planned = run.planned.adds + run.planned.removes + run.planned.updates;
  const done = run.succeeded + run.failed + run.invalid;
  const percent =
    planned > 0 ? Math.min(100, Math.round((done / planned) * 100)) : undefined;
  const trigger = RUN_TRIGGER_LABELS[run.trigger] ?? run.trigger;

  let headline;
  if (run.status === 'queued') {
    headline = (
      <>
        {trigger} run #{run.id} is queued (since{' '}
        <RelativeTime value={run.queuedAt} />)
      </>
    );
  } else {
    headline = (
      <>
        {trigger} run #{run.id} is running (started{' '}
        <RelativeTime value={run.startedAt} />)
      </>
    );
  }

  return (
    <Paper
      variant="outlined"
      role="status"
      aria-label={`Progress of run #${run.id}`}
    >
      <Box p={2}>
        <Typography variant="subtitle2">{headline}</Typography>
        <Box my={1}>
          {percent === undefined ? (
            <LinearProgress aria-label={`Run #${run.id} progress`} />
          ) : (
            <LinearProgress
              variant="determinate"
              value={percent}
              aria-label={`Run #${run.id} progress`}
            />
          )}
        </Box>
        <Typography variant="body2" color="textSecondary">
          {planned > 0
            ? `${count(done)} of ${count(
                planned,
              )} planned rows processed (${percent}%): ` +
              `${count(run.planned.adds)} adds, ${count(
                run.planned.removes,
              )} removes, ${count(run.planned.updates)} updates`
            : 'Planning the membership changes…'}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Sent {count(run.sent)} · succeeded {count(run.succeeded)} · failed{' '}
          {count(run.failed)} · invalid {count(run.invalid)}
        </Typography>
      </Box>
    </Paper>
  );
};
