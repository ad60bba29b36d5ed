import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useEffect } from 'react';
import { audienceSyncsApiRef } from '../../api';
import { EntityName } from '../common/EntityName';
import { RelativeTime } from '../common/RelativeTime';
import { describeActivity } from './describeActivity';

/** How many entries the card shows: the most recent ones. */
export const ACTIVITY_SHOWN = 20;

export interface SyncActivityCardProps {
  syncId: string;
  /** Changes whenever the sync or its runs change, so the card reads the activity again. */
  refreshKey: string;
}

/** Who created, edited (and what they changed), paused, resumed, ran and approved the sync, newest first. */
export const SyncActivityCard = ({
  syncId,
  refreshKey,
}: SyncActivityCardProps) => {
  const api = useApi(audienceSyncsApiRef);
  const activity = useAsyncRetry(
    () => api.listActivity(syncId, { limit: ACTIVITY_SHOWN }),
    [api, syncId],
  );
  const { retry } = activity;
  useEffect(() => {
    retry();
    // Only a change of the key asks again; `retry` changes with every answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);

  let body;
  if (activity.error) {
    body = <ResponseErrorPanel error={activity.error} />;
  } else if (!activity.value) {
    body = <Progress />;
  } else if (activity.value.totalCount === 0) {
    body = (
      <Typography variant="body2">
        Nothing recorded yet: changes made from now on show here.
      </Typography>
    );
  } else {
    const { items, totalCount } = activity.value;
    body = (
      <>
        <List dense aria-label="Sync activity">
          {items.map(entry => (
            <ListItem key={entry.id} disableGutters>
              <ListItemText
                primary={
                  <>
                    <EntityName value={entry.actor} /> {describeActivity(entry)}
                  </>
                }
                secondary={<RelativeTime value={entry.at} />}
              />
            </ListItem>
          ))}
        </List>
        {totalCount > items.length && (
          <Typography variant="caption" color="textSecondary">
            The {items.length} most recent of {totalCount.toLocaleString()}{' '}
            entries.
          </Typography>
        )}
      </>
    );
  }
  return <InfoCard title="Activity">{body}</InfoCard>;
};
