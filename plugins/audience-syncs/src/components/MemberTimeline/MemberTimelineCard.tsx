import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormEvent, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { audienceSyncsApiRef, syncProblemsOf } from '../../api';
import { MemberSyncTimeline } from './MemberSyncTimeline';

export interface MemberTimelineCardProps {
  audienceId: string;
  /** Shows only this sync of the audience (on a sync's page). */
  syncId?: string;
}

/**
 * "Member timeline": search a member by member key, identifier or email, and see for each sync of the
 * audience whether it is in the current snapshot, what the destination holds and each run's step.
 */
export const MemberTimelineCard = ({
  audienceId,
  syncId,
}: MemberTimelineCardProps) => {
  const api = useApi(audienceSyncsApiRef);
  const [query, setQuery] = useState('');
  const [state, search] = useAsyncFn(
    (q: string) => api.getMemberTimeline(audienceId, q),
    [api, audienceId],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) search(query.trim());
  };

  const problem = syncProblemsOf(state.error)[0];
  let body;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error && !problem) {
    body = <ResponseErrorPanel error={state.error} />;
  } else if (state.value) {
    const syncs = state.value.syncs.filter(s => !syncId || s.syncId === syncId);
    body =
      syncs.length === 0 ? (
        <Typography variant="body2">
          This audience has no sync you can see.
        </Typography>
      ) : (
        syncs.map(s => <MemberSyncTimeline key={s.syncId} timeline={s} />)
      );
  }

  return (
    <InfoCard title="Member timeline">
      <form onSubmit={onSubmit} role="search" aria-label="Member timeline">
        <Box display="flex" alignItems="flex-start" mb={2}>
          <TextField
            id={`member-timeline-query-${syncId ?? audienceId}`}
            label="Member key, identifier or email"
            value={query}
            onChange={event => setQuery(event.target.value)}
            error={Boolean(problem)}
            helperText={
              problem
                ? problem.message
                : 'An email is normalized and hashed as each destination receives it.'
            }
            fullWidth
            variant="outlined"
            size="small"
          />
          <Box ml={1}>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={!query.trim()}
            >
              Find member
            </Button>
          </Box>
        </Box>
      </form>
      {body}
    </InfoCard>
  );
};
