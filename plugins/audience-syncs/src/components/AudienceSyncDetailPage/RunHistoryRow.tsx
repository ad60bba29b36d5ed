import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import { SyncRun } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { formatDuration } from '../common/formatDuration';
import { RUN_KIND_LABELS, RUN_TRIGGER_LABELS } from '../common/labels';
import { RelativeTime } from '../common/RelativeTime';
import { RunStatusChip } from '../common/RunStatusChip';
import { RunErrorSample } from './RunErrorSample';

/** Columns of the history table, the expand toggle included. */
export const RUN_HISTORY_COLUMNS = 10;

export interface RunHistoryRowProps {
  run: SyncRun;
  expanded: boolean;
  onToggle: () => void;
}

const count = (n: number) => n.toLocaleString();

/** One run; expanding it shows its error summary and error sample. */
export const RunHistoryRow = ({
  run,
  expanded,
  onToggle,
}: RunHistoryRowProps) => {
  const shown = run.kind === 'verify' ? 'findings' : 'errors';
  const kind = RUN_KIND_LABELS[run.kind];
  const toggleLabel = `${expanded ? 'Hide' : 'Show'} ${shown} of run #${
    run.id
  }`;
  return (
    <>
      <TableRow hover>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={toggleLabel}
            aria-expanded={expanded}
            onClick={onToggle}
          >
            {expanded ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell>#{run.id}</TableCell>
        <TableCell>
          <RunStatusChip run={run} />
        </TableCell>
        <TableCell>
          {RUN_TRIGGER_LABELS[run.trigger] ?? run.trigger}
          {kind && ` ${kind}`}
        </TableCell>
        <TableCell>
          {run.startedAt ? (
            <RelativeTime value={run.startedAt} />
          ) : (
            <>
              Queued <RelativeTime value={run.queuedAt} />
            </>
          )}
        </TableCell>
        <TableCell>{formatDuration(run.durationMs)}</TableCell>
        <TableCell align="right">{count(run.sent)}</TableCell>
        <TableCell align="right">{count(run.succeeded)}</TableCell>
        <TableCell align="right">{count(run.failed)}</TableCell>
        <TableCell align="right">{count(run.invalid)}</TableCell>
      </TableRow>
      {expanded && (
        <TableRow>
          <TableCell colSpan={RUN_HISTORY_COLUMNS}>
            <Collapse in={expanded}>
              <RunErrorSample run={run} />
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </>
  );
};
