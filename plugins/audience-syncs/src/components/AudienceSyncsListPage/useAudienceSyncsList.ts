import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { audienceSyncsApiRef } from '../../api';
import { SyncListQuery } from './useSyncListQuery';

/** Waits this long after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * One page of syncs from the server for the list query. The previous page stays in `value` while the next
 * one loads.
 */
export function useAudienceSyncsList(query: SyncListQuery) {
  const api = useApi(audienceSyncsApiRef);
  const [search, setSearch] = useState(query.search);
  useDebounce(() => setSearch(query.search), SEARCH_DEBOUNCE_MS, [
    query.search,
  ]);

  const { status, audienceId, destinationId, page, pageSize } = query;
  return useAsyncRetry(
    () =>
      api.listSyncs({
        search: search.trim() || undefined,
        status,
        audienceId,
        destinationId,
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, search, status, audienceId, destinationId, page, pageSize],
  );
}
