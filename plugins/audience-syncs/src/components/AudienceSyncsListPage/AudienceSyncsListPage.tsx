import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { AudienceSyncsEmptyState } from './AudienceSyncsEmptyState';
import { AudienceSyncsFilters } from './AudienceSyncsFilters';
import { AudienceSyncsTable } from './AudienceSyncsTable';
import { CreateSyncButton } from '../common/CreateSyncButton';
import { useAudienceSyncsList } from './useAudienceSyncsList';
import { useSyncListQuery } from './useSyncListQuery';
import { useSyncLookups } from '../common/useSyncLookups';

/** Segment > Audience Syncs: every sync the user may see, searchable, filterable and paginated. */
export const AudienceSyncsListPage = () => {
  const [query, setQuery] = useSyncListQuery();
  const syncs = useAudienceSyncsList(query);
  const lookups = useSyncLookups();

  const filtered = Boolean(
    query.search || query.status || query.audienceId || query.destinationId,
  );

  let body;
  if (syncs.error) {
    body = <ResponseErrorPanel error={syncs.error} />;
  } else if (!syncs.value) {
    body = <Progress />;
  } else if (syncs.value.totalCount === 0 && !syncs.loading) {
    body = (
      <AudienceSyncsEmptyState
        filtered={filtered}
        onClearFilters={() =>
          setQuery({
            search: undefined,
            status: undefined,
            audienceId: undefined,
            destinationId: undefined,
          })
        }
      />
    );
  } else {
    body = (
      <AudienceSyncsTable
        page={syncs.value}
        lookups={lookups.value}
        loading={syncs.loading}
        pageSize={query.pageSize}
        onPageChange={page => setQuery({ page })}
        onPageSizeChange={pageSize => setQuery({ pageSize })}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Audience Syncs"
        subtitle="Send evaluated audiences to ad, CRM and email destinations and keep them in sync"
      />
      <Content>
        <ContentHeader title="Syncs">
          <CreateSyncButton label="Create Audience Sync" />
        </ContentHeader>
        {lookups.error && (
          <Box mb={2}>
            <ResponseErrorPanel
              title="Audiences and destinations could not be loaded: the filters and names are incomplete"
              error={lookups.error}
            />
          </Box>
        )}
        <Box mb={2}>
          <AudienceSyncsFilters
            query={query}
            onChange={setQuery}
            audiences={lookups.value?.audiences ?? []}
            destinations={lookups.value?.destinations ?? []}
          />
        </Box>
        {body}
      </Content>
    </Page>
  );
};
