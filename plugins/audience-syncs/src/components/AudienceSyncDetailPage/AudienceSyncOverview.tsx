import { ContentHeader, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import DialogContentText from '@material-ui/core/DialogContentText';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import {
  AudienceSync,
  ScheduleType,
  SyncRun,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { EditSyncDialog } from '../EditSyncDialog';
import { isRunInProgress } from '../common/isRunInProgress';
import { ConfirmRunDialog } from './ConfirmRunDialog';
import { DeleteSyncDialog } from './DeleteSyncDialog';
import { HeldRunBanner } from './HeldRunBanner';
import { RunHistoryTable } from './RunHistoryTable';
import { ResyncPlanText } from './ResyncPlanText';
import { RunProgress } from './RunProgress';
import { SYNC_ACTIONS } from './syncActionDefinitions';
import { SyncActions } from './SyncActions';
import { SyncActivityCard } from './SyncActivityCard';
import { SyncConfigurationCard } from './SyncConfigurationCard';
import { SyncStatusCard } from './SyncStatusCard';
import { MemberTimelineCard } from '../MemberTimeline';
import { useRunHistory } from './useRunHistory';
import { SyncPermission, useSyncActions } from './useSyncActions';
import { SyncDetails } from './useSyncDetails';
import { useSyncPermissions } from './useSyncPermissions';

/** What resuming means for the sync's next run. */
function resumedText(type: ScheduleType) {
  if (type === 'manual') return 'Resumed.';
  if (type === 'after_evaluation') {
    return "Resumed: the sync runs again after the audience's next evaluation.";
  }
  return 'Resumed: scheduled runs continue from where the sync left off.';
}

export interface AudienceSyncOverviewProps {
  details: SyncDetails;
  setSync: (sync: AudienceSync) => void;
  refreshSync: () => Promise<void>;
  /** A refresh of the sync failed after it had loaded. */
  refreshError?: Error;
}

/** A loaded sync: its status, configuration, live run, run history and actions. */
export const AudienceSyncOverview = ({
  details,
  setSync,
  refreshSync,
  refreshError,
}: AudienceSyncOverviewProps) => {
  const { sync, audience, destination } = details;
  const api = useApi(audienceSyncsApiRef);
  const navigate = useNavigate();
  const listLink = useRouteRef(rootRouteRef);
  const actions = useSyncActions();
  const notPermitted = useSyncPermissions(sync.id);
  // A refusal by the server outranks the permission check made before.
  const deniedReason = (permission: SyncPermission) =>
    actions.deniedReason(permission) ?? notPermitted(permission);
  // A finished run changes the sync's status and last synced time.
  const history = useRunHistory(sync.id, { onRunFinished: refreshSync });
  const [dialog, setDialog] = useState<
    'edit' | 'delete' | 'repair' | 'resync'
  >();
  const resyncPlan = useAsync(
    async () => (dialog === 'resync' ? api.previewResync(sync.id) : undefined),
    [api, sync.id, dialog],
  );
  const latest = history.latest;

  const runNow = async () => {
    const run = await actions.perform(SYNC_ACTIONS.runNow, () =>
      api.runSyncNow(sync.id),
    );
    if (run) {
      actions.setNotice({
        severity: 'info',
        text: `Run #${run.id} is queued; its progress shows below.`,
      });
    }
    // Also after a refusal: a conflict means another run is open, which the page should show.
    await history.refresh();
  };

  const verify = async () => {
    const run = await actions.perform(SYNC_ACTIONS.verify, () =>
      api.verifySync(sync.id),
    );
    if (run) {
      actions.setNotice({
        severity: 'info',
        text: `Verify run #${run.id} is queued: it reads ${
          destination?.name ?? 'the destination'
        } back and sends nothing. What it finds shows in the run history.`,
      });
    }
    await history.refresh();
  };

  /** Starts a repair or a full resync once its dialog was confirmed. */
  const queueConfirmed = async (kind: 'repair' | 'resync') => {
    setDialog(undefined);
    const action = SYNC_ACTIONS[kind];
    const run = await actions.perform(action, () =>
      kind === 'repair' ? api.repairSync(sync.id) : api.resyncSync(sync.id),
    );
    if (run) {
      actions.setNotice({
        severity: 'info',
        text: `${action.label} run #${run.id} is queued; its progress shows below.`,
      });
    }
    await history.refresh();
  };

  const pause = async () => {
    const openRun =
      latest && (isRunInProgress(latest.status) || latest.status === 'held')
        ? latest
        : undefined;
    const paused = await actions.perform(SYNC_ACTIONS.pause, () =>
      api.pauseSync(sync.id),
    );
    if (paused) {
      setSync(paused);
      let runNote = '';
      if (openRun?.status === 'queued') {
        runNote = ` Queued run #${openRun.id} was cancelled.`;
      } else if (openRun?.status === 'held') {
        runNote = ` Held run #${openRun.id} was cancelled; it cannot be approved any more.`;
      } else if (openRun?.status === 'running') {
        runNote = ` Run #${openRun.id} is already running and finishes.`;
      }
      actions.setNotice({
        severity: 'success',
        text: `Paused: no scheduled runs until the sync is resumed; the configuration is kept.${runNote}`,
      });
      await history.refresh();
    }
  };

  const resume = async () => {
    const resumed = await actions.perform(SYNC_ACTIONS.resume, () =>
      api.resumeSync(sync.id),
    );
    if (resumed) {
      setSync(resumed);
      actions.setNotice({
        severity: 'success',
        text: resumedText(resumed.schedule.type),
      });
    }
  };

  const approve = async (run: SyncRun) => {
    const approved = await actions.perform(SYNC_ACTIONS.approve, () =>
      api.approveRun(sync.id, run.id),
    );
    if (approved) {
      actions.setNotice({
        severity: 'success',
        text: `Run #${approved.id} is approved and queued again.`,
      });
    }
    await history.refresh();
  };

  return (
    <>
      <ContentHeader title="Overview">
        <SyncActions
          sync={sync}
          latestRun={latest}
          pending={actions.pending}
          deniedReason={deniedReason}
          onRunNow={runNow}
          onVerify={verify}
          onRepair={() => setDialog('repair')}
          onResync={() => setDialog('resync')}
          canVerify={destination?.capabilities.canReadMembers === true}
          onPause={pause}
          onResume={resume}
          onEdit={() => setDialog('edit')}
          onDelete={() => setDialog('delete')}
        />
      </ContentHeader>
      {actions.notice && (
        <Box mb={2}>
          <Alert
            severity={actions.notice.severity}
            onClose={() => actions.setNotice(undefined)}
          >
            {actions.notice.text}
          </Alert>
        </Box>
      )}
      {refreshError && (
        <Box mb={2}>
          <ResponseErrorPanel
            title="The sync could not be refreshed; what is shown may be out of date"
            error={refreshError}
          />
        </Box>
      )}
      {latest?.status === 'held' && (
        <Box mb={2}>
          <HeldRunBanner
            run={latest}
            onApprove={() => approve(latest)}
            pending={actions.pending === SYNC_ACTIONS.approve.label}
            busy={Boolean(actions.pending)}
            disabledReason={deniedReason(SYNC_ACTIONS.approve.permission)}
          />
        </Box>
      )}
      {latest && isRunInProgress(latest.status) && (
        <Box mb={2}>
          <RunProgress run={latest} />
        </Box>
      )}
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12} md={4}>
          <SyncStatusCard
            sync={sync}
            latestRun={latest}
            runsLoaded={Boolean(history.runs)}
          />
        </Grid>
        <Grid item xs={12} md={8}>
          <SyncConfigurationCard details={details} />
        </Grid>
        <Grid item xs={12}>
          <RunHistoryTable history={history} />
        </Grid>
        <Grid item xs={12}>
          <SyncActivityCard
            syncId={sync.id}
            refreshKey={`${sync.version}:${latest?.id}:${latest?.status}`}
          />
        </Grid>
        <Grid item xs={12}>
          <MemberTimelineCard audienceId={sync.audienceId} syncId={sync.id} />
        </Grid>
      </Grid>
      {dialog === 'repair' && (
        <ConfirmRunDialog
          title={`Repair “${sync.name}”?`}
          confirmLabel="Repair"
          onConfirm={() => queueConfirmed('repair')}
          onClose={() => setDialog(undefined)}
        >
          <DialogContentText>
            A repair reads {destination?.name ?? 'the destination'} back,
            re-sends the members this sync sent that it lacks
            {sync.mode === 'mirror'
              ? ', and removes the members this sync added that left the audience (through the removal guard)'
              : ''}
            . Members the sync never added stay.
          </DialogContentText>
        </ConfirmRunDialog>
      )}
      {dialog === 'resync' && (
        <ConfirmRunDialog
          title={`Full resync of “${sync.name}”?`}
          confirmLabel="Resync"
          ready={Boolean(resyncPlan.value)}
          onConfirm={() => queueConfirmed('resync')}
          onClose={() => setDialog(undefined)}
        >
          <ResyncPlanText plan={resyncPlan.value} error={resyncPlan.error} />
        </ConfirmRunDialog>
      )}
      {dialog === 'edit' && (
        <EditSyncDialog
          open
          sync={sync}
          audience={audience}
          destination={destination}
          onClose={() => setDialog(undefined)}
          onSaved={saved => {
            setSync(saved);
            actions.setNotice({
              severity: 'success',
              text: 'Saved. The changes take effect on the next run; saving did not start one.',
            });
          }}
          onDenied={reason => actions.deny(SYNC_ACTIONS.edit, reason)}
          onReloaded={setSync}
        />
      )}
      {dialog === 'delete' && (
        <DeleteSyncDialog
          open
          sync={sync}
          destination={destination}
          onClose={() => setDialog(undefined)}
          onDeleted={() => navigate(listLink())}
          onDenied={reason => actions.deny(SYNC_ACTIONS.delete, reason)}
        />
      )}
    </>
  );
};
