import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { syncRouteRef } from '../../routes';
import { RelativeTime } from '../common/RelativeTime';
import { SyncNeedingAttention } from './syncsNeedingAttention';

/** Syncs held for approval, errored, failing or late, each linking to its page. */
export const AttentionCard = ({ items }: { items: SyncNeedingAttention[] }) => {
  const syncLink = useRouteRef(syncRouteRef);
  return (
    <InfoCard title="Needs attention">
      {items.length === 0 ? (
        <Typography color="textSecondary">
          Every sync is running as scheduled.
        </Typography>
      ) : (
        <List dense aria-label="Syncs needing attention">
          {items.map(({ sync, reason, since }) => (
            <ListItem key={sync.id} disableGutters>
              <ListItemText
                // One line each: a vendor's error can be long; the whole reason is on hover.
                secondaryTypographyProps={{ noWrap: true, title: reason }}
                primary={
                  <Link to={syncLink({ syncId: sync.id })}>{sync.name}</Link>
                }
                secondary={
                  <>
                    {reason}
                    {since && (
                      <>
                        {' · '}
                        <RelativeTime value={since} />
                      </>
                    )}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
};
