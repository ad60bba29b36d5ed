import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { MemberTimelineSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { syncRouteRef } from '../../routes';
import { RelativeTime } from '../common/RelativeTime';
import { describeMemberStep } from './describeMemberStep';

/** Where the member stands on one sync, and each step its runs took, oldest first. */
export const MemberSyncTimeline = ({
  timeline,
}: {
  timeline: MemberTimelineSync;
}) => {
  const syncLink = useRouteRef(syncRouteRef);
  const found = timeline.memberKeys.length > 0;
  const ledger = timeline.ledger.map(entry => entry.identifier).join(', ');
  return (
    <Box mb={2} component="section" aria-label={timeline.syncName}>
      <Typography variant="h6" component="h3">
        <Link to={syncLink({ syncId: timeline.syncId })}>
          {timeline.syncName}
        </Link>
      </Typography>
      {found ? (
        <>
          <Typography variant="body2">
            {`Member ${timeline.memberKeys.join(', ')} · ${
              timeline.inSnapshot
                ? 'in the current snapshot'
                : 'not in the current snapshot'
            } · ${
              ledger
                ? `the destination holds ${ledger}`
                : 'not in the destination'
            }`}
          </Typography>
          {timeline.history.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No run has sent or skipped this member within the kept history.
            </Typography>
          ) : (
            <List dense aria-label={`Steps on ${timeline.syncName}`}>
              {timeline.history.map((step, i) => (
                <ListItem key={`${step.runId}-${i}`} disableGutters>
                  <ListItemText
                    primary={describeMemberStep(step)}
                    secondary={
                      <>
                        Run #{step.runId} · <RelativeTime value={step.at} />
                        {step.code ? ` · ${step.code}` : ''}
                      </>
                    }
                  />
                </ListItem>
              ))}
            </List>
          )}
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          No member of this sync matches.
        </Typography>
      )}
    </Box>
  );
};
