import Box from '@material-ui/core/Box';
import BuildIcon from '@material-ui/icons/Build';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import FindInPageIcon from '@material-ui/icons/FindInPage';
import PauseIcon from '@material-ui/icons/Pause';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import ReplayIcon from '@material-ui/icons/Replay';
import SyncIcon from '@material-ui/icons/Sync';
import {
  AudienceSync,
  SyncRun,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { RUN_STATUS_LABELS } from '../common/labels';
import { SYNC_ACTIONS } from './syncActionDefinitions';
import { SyncActionButton } from './SyncActionButton';
import { SyncPermission } from './useSyncActions';

export interface SyncActionsProps {
  sync: AudienceSync;
  /** The newest run, if the history has loaded. */
  latestRun?: SyncRun;
  /** The label of the action on its way, if any. */
  pending?: string;
  deniedReason: (permission: SyncPermission) => string | undefined;
  onRunNow: () => void;
  onVerify: () => void;
  onRepair: () => void;
  onResync: () => void;
  /** Whether the destination can read its members back, which verifying needs. */
  canVerify: boolean;
  onPause: () => void;
  onResume: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

function openRunReason(run: SyncRun | undefined): string | undefined {
  if (!run) return undefined;
  if (run.status === 'held') {
    return `Run #${run.id} is held for approval: approve it before starting another run`;
  }
  if (run.status === 'queued' || run.status === 'running') {
    return `Run #${run.id} is already ${RUN_STATUS_LABELS[
      run.status
    ].toLocaleLowerCase('en-US')}`;
  }
  return undefined;
}

/**
 * Run now, Verify destination, Repair, Full resync, Pause / Resume, Edit and Delete, each disabled with its
 * reason when it cannot be used.
 */
export const SyncActions = ({
  sync,
  latestRun,
  pending,
  deniedReason,
  onRunNow,
  onVerify,
  onRepair,
  onResync,
  canVerify,
  onPause,
  onResume,
  onEdit,
  onDelete,
}: SyncActionsProps) => {
  const { runNow, pause, resume, edit } = SYNC_ACTIONS;
  const paused = sync.status === 'paused';
  const toggle = paused ? resume : pause;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      <SyncActionButton
        label={runNow.label}
        icon={<SyncIcon />}
        variant="contained"
        onClick={onRunNow}
        pending={pending === runNow.label}
        busy={Boolean(pending)}
        disabledReason={
          deniedReason(runNow.permission) ?? openRunReason(latestRun)
        }
      />
      <SyncActionButton
        label={SYNC_ACTIONS.verify.label}
        icon={<FindInPageIcon />}
        onClick={onVerify}
        pending={pending === SYNC_ACTIONS.verify.label}
        busy={Boolean(pending)}
        disabledReason={
          deniedReason(SYNC_ACTIONS.verify.permission) ??
          (canVerify
            ? openRunReason(latestRun)
            : 'This destination cannot read its members back, so it cannot be verified')
        }
      />
      <SyncActionButton
        label={SYNC_ACTIONS.repair.label}
        icon={<BuildIcon />}
        onClick={onRepair}
        busy={Boolean(pending)}
        disabledReason={
          deniedReason(SYNC_ACTIONS.repair.permission) ??
          (canVerify
            ? openRunReason(latestRun)
            : 'This destination cannot read its members back, so it cannot be repaired')
        }
      />
      <SyncActionButton
        label={SYNC_ACTIONS.resync.label}
        icon={<ReplayIcon />}
        onClick={onResync}
        busy={Boolean(pending)}
        disabledReason={
          deniedReason(SYNC_ACTIONS.resync.permission) ??
          openRunReason(latestRun)
        }
      />
      <SyncActionButton
        label={toggle.label}
        icon={paused ? <PlayArrowIcon /> : <PauseIcon />}
        onClick={paused ? onResume : onPause}
        pending={pending === toggle.label}
        busy={Boolean(pending)}
        disabledReason={deniedReason(toggle.permission)}
      />
      <SyncActionButton
        label={edit.label}
        icon={<EditIcon />}
        onClick={onEdit}
        busy={Boolean(pending)}
        disabledReason={deniedReason(edit.permission)}
      />
      <SyncActionButton
        label={SYNC_ACTIONS.delete.label}
        icon={<DeleteIcon />}
        color="secondary"
        onClick={onDelete}
        busy={Boolean(pending)}
        disabledReason={deniedReason(SYNC_ACTIONS.delete.permission)}
      />
    </Box>
  );
};
