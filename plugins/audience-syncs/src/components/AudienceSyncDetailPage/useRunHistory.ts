import { useApi } from '@backstage/core-plugin-api';
import {
  Page,
  SyncRun,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import useMountedState from 'react-use/esm/useMountedState';
import { audienceSyncsApiRef } from '../../api';
import { isRunInProgress } from '../common/isRunInProgress';
import { useSyncSignals } from '../common/useSyncSignals';

/** How often the page asks for news while a run is queued or running, when the portal has no signals. */
export const RUN_POLL_INTERVAL_MS = 2000;
export const RUN_PAGE_SIZES = [10, 25, 50];

interface State {
  loading: boolean;
  error?: Error;
  runs?: Page<SyncRun>;
  /** The newest run of the sync, whatever page of the history is shown. */
  latest?: SyncRun;
}

/**
 * One page of a sync's run history plus its newest run, read again whenever the backend signals a change
 * of the sync; in a portal without signals, polled every 2 s while that run is queued or running and no
 * longer once it is not. `onRunFinished` hears when a run the page saw in progress ends.
 */
export function useRunHistory(
  syncId: string,
  options: { onRunFinished?: (run: SyncRun) => void } = {},
) {
  const api = useApi(audienceSyncsApiRef);
  const isMounted = useMountedState();
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(RUN_PAGE_SIZES[0]);
  const [state, setState] = useState<State>({ loading: true });
  const requestCount = useRef(0);
  const pollInFlight = useRef(false);
  const previousLatest = useRef<SyncRun | undefined>(undefined);
  const onRunFinished = useRef(options.onRunFinished);
  onRunFinished.current = options.onRunFinished;

  const fetchRuns = useCallback(async () => {
    const offset = pageIndex * pageSize;
    const [runs, newest] = await Promise.all([
      api.listRuns(syncId, { limit: pageSize, offset }),
      offset === 0 ? undefined : api.listRuns(syncId, { limit: 1, offset: 0 }),
    ]);
    return { runs, latest: (newest ?? runs).items[0] };
  }, [api, syncId, pageIndex, pageSize]);

  /** Asks for the current page and the newest run; only the answer to the latest request is kept. */
  const refresh = useCallback(async () => {
    const request = ++requestCount.current;
    try {
      const result = await fetchRuns();
      if (isMounted() && request === requestCount.current) {
        setState({ loading: false, ...result });
      }
    } catch (error) {
      if (isMounted() && request === requestCount.current) {
        setState(s => ({ ...s, loading: false, error: error as Error }));
      }
    }
  }, [fetchRuns, isMounted]);

  /** A polling tick, skipped while the previous one is still waiting for its answer. */
  const poll = useCallback(async () => {
    if (pollInFlight.current) return;
    pollInFlight.current = true;
    try {
      await refresh();
    } finally {
      pollInFlight.current = false;
    }
  }, [refresh]);

  useEffect(() => {
    setState(s => ({ ...s, loading: true }));
    refresh();
  }, [refresh]);

  useEffect(() => {
    const before = previousLatest.current;
    const now = state.latest;
    previousLatest.current = now;
    if (
      before &&
      now &&
      before.id === now.id &&
      isRunInProgress(before.status) &&
      !isRunInProgress(now.status)
    ) {
      onRunFinished.current?.(now);
    }
  }, [state.latest]);

  // Each signal asks again, even with an answer pending: only the newest answer is kept.
  const { isSignalsAvailable } = useSyncSignals(signal => {
    if (signal.syncId === syncId) refresh();
  });
  const live = Boolean(state.latest && isRunInProgress(state.latest.status));
  useInterval(poll, live && !isSignalsAvailable ? RUN_POLL_INTERVAL_MS : null);

  return {
    ...state,
    /** The newest run is in progress, and the page follows it. */
    live,
    pageIndex,
    pageSize,
    setPageIndex,
    setPageSize: (size: number) => {
      setPageSize(size);
      setPageIndex(0);
    },
    refresh,
  };
}
