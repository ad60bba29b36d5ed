import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useAudienceSyncsList } from '../AudienceSyncsListPage/useAudienceSyncsList';
import { CreateSyncButton } from '../common/CreateSyncButton';
import { useSyncLookups } from '../common/useSyncLookups';
import { AttentionCard } from './AttentionCard';
import { AudiencesCard } from './AudiencesCard';
import { RecentRunsCard } from './RecentRunsCard';
import { syncsNeedingAttention } from './syncsNeedingAttention';

/** The largest page the syncs route serves: the home reads the newest syncs in one request. */
const HOME_SYNCS_LIMIT = 500;

/**
 * The Segment home: what needs someone (held, errored, failing, late syncs), what ran lately, the audiences
 * with their size and freshness, and the way in to the builder.
 */
export const SegmentHomePage = () => {
  // Read again like the list: when the backend signals a change, or by polling without signals.
  const syncs = useAudienceSyncsList({
    search: '',
    page: 0,
    pageSize: HOME_SYNCS_LIMIT,
  });
  const lookups = useSyncLookups();

  let body;
  const error = syncs.error ?? lookups.error;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!syncs.value || !lookups.value) {
    body = <Progress />;
  } else {
    const { items, totalCount } = syncs.value;
    body = (
      <Grid container spacing={3}>
        {totalCount > items.length && (
          <Grid item xs={12}>
            <Typography variant="body2" color="textSecondary">
              Showing the newest {HOME_SYNCS_LIMIT} of{' '}
              {totalCount.toLocaleString('en-US')} syncs.
            </Typography>
          </Grid>
        )}
        <Grid item xs={12} md={6}>
          <AttentionCard items={syncsNeedingAttention(items)} />
        </Grid>
        <Grid item xs={12} md={6}>
          <RecentRunsCard syncs={items} />
        </Grid>
        <Grid item xs={12}>
          <AudiencesCard audiences={lookups.value.audiences} syncs={items} />
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="home">
      <Header
        title="Segment"
        subtitle="Audiences, and the destinations they are kept in sync with"
      />
      <Content>
        <ContentHeader title="Overview">
          <CreateSyncButton label="Create Audience Sync" />
        </ContentHeader>
        {body}
      </Content>
    </Page>
  );
};
