import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Paper from '@material-ui/core/Paper';
import Box from '@material-ui/core/Box';
import { useState } from 'react';
import { AudienceSyncsTable } from '../AudienceSyncsListPage/AudienceSyncsTable';
import { useAudienceSyncsList } from '../AudienceSyncsListPage/useAudienceSyncsList';
import { PAGE_SIZES } from '../AudienceSyncsListPage/useSyncListQuery';
import { useSyncLookups } from '../common/useSyncLookups';
import { NoSyncsYet } from '../EntityAudienceSyncsCard/NoSyncsYet';
import { EntitySyncsFilter } from '../EntityAudienceSyncsCard/useEntitySyncs';

/** Every sync of one audience or destination, in the list page's table, a server page at a time. */
export const PagedEntitySyncs = ({ filter }: { filter: EntitySyncsFilter }) => {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const syncs = useAudienceSyncsList({ search: '', ...filter, page, pageSize });
  const lookups = useSyncLookups();

  if (syncs.error) {
    return <ResponseErrorPanel error={syncs.error} />;
  }
  if (!syncs.value) {
    return <Progress />;
  }
  if (syncs.value.totalCount === 0) {
    return (
      <Paper>
        <Box p={2}>
          <NoSyncsYet
            subject={'audienceId' in filter ? 'audience' : 'destination'}
          />
        </Box>
      </Paper>
    );
  }
  return (
    <AudienceSyncsTable
      page={syncs.value}
      lookups={lookups.value}
      loading={syncs.loading}
      pageSize={pageSize}
      onPageChange={setPage}
      onPageSizeChange={size => {
        setPageSize(size);
        setPage(0);
      }}
    />
  );
};
