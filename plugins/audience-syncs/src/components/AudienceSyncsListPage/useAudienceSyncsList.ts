import { useApi } from '@backstage/core-plugin-api';
import { useReducer, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import useInterval from 'react-use/esm/useInterval';
import { audienceSyncsApiRef } from '../../api';
import { useSyncSignals } from '../common/useSyncSignals';
import { SyncListQuery } from './useSyncListQuery';

/** Waits this long after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 300;

/** How often a list asks for news when the portal has no signals. */
export const LIST_POLL_INTERVAL_MS = 15_000;

/**
 * One page of syncs from the server for the list query. The previous page stays in `value` while the next
 * one loads. It is read again when the backend signals that a sync changed, a run started or ended (a
 * run's progress is not shown in lists), or, in a portal without signals, every 15 s.
 */
export function useAudienceSyncsList(query: SyncListQuery) {
  const api = useApi(audienceSyncsApiRef);
  const [search, setSearch] = useState(query.search);
  useDebounce(() => setSearch(query.search), SEARCH_DEBOUNCE_MS, [
    query.search,
  ]);

  // Each change asks again, even with an answer pending: only the newest answer is kept.
  const [changes, changed] = useReducer((n: number) => n + 1, 0);
  const { isSignalsAvailable } = useSyncSignals(signal => {
    if (signal.change !== 'run-progress') changed();
  });
  useInterval(changed, isSignalsAvailable ? null : LIST_POLL_INTERVAL_MS);

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
    [api, search, status, audienceId, destinationId, page, pageSize, changes],
  );
}
