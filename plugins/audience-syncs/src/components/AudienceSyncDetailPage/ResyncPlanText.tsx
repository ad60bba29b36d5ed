import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import DialogContentText from '@material-ui/core/DialogContentText';
import Alert from '@material-ui/lab/Alert';
import { NextRunPlan } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { formatMemberCount } from '../common/formatMemberCount';

/** What a full resync will do, from its dry run, for its confirmation. */
export const ResyncPlanText = ({
  plan,
  error,
}: {
  plan?: NextRunPlan;
  error?: Error;
}) => {
  if (error) return <ResponseErrorPanel error={error} />;
  if (!plan) return <Progress />;
  return (
    <>
      <DialogContentText>
        A full resync forgets what this sync sent of the audience and sends all{' '}
        {formatMemberCount(plan.adds)} again; the destination takes members it
        already holds without duplicating them.
        {plan.removes > 0 &&
          ` It removes the ${formatMemberCount(
            plan.removes,
          )} this sync added that left the audience.`}{' '}
        Members the sync never added stay.
      </DialogContentText>
      {plan.heldForApproval && (
        <Alert severity="warning">{plan.heldForApproval}</Alert>
      )}
    </>
  );
};
