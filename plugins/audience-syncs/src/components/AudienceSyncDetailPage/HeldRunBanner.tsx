import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import CheckIcon from '@material-ui/icons/Check';
import { SyncRun } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SyncActionButton } from './SyncActionButton';

export interface HeldRunBannerProps {
  run: SyncRun;
  onApprove: () => void;
  pending?: boolean;
  busy?: boolean;
  /** Why approving is unavailable, e.g. the permission is denied. */
  disabledReason?: string;
}

/** A run the removal guard held, with the guard's reason and the button that releases it. */
export const HeldRunBanner = ({
  run,
  onApprove,
  pending,
  busy,
  disabledReason,
}: HeldRunBannerProps) => (
  <Alert
    severity="warning"
    action={
      <SyncActionButton
        label="Approve run"
        icon={<CheckIcon />}
        onClick={onApprove}
        pending={pending}
        busy={busy}
        disabledReason={disabledReason}
      />
    }
  >
    <AlertTitle>Run #{run.id} is held for approval</AlertTitle>
    {run.error ?? 'The removal guard held this run before it sent anything.'} It
    plans {run.planned.adds.toLocaleString()} adds,{' '}
    {run.planned.removes.toLocaleString()} removes and{' '}
    {run.planned.updates.toLocaleString()} updates. Approving sends them.
  </Alert>
);
