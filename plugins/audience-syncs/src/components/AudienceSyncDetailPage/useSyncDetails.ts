import { useApi } from '@backstage/core-plugin-api';
import {
  Audience,
  AudienceSync,
  Destination,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useCallback, useEffect, useState } from 'react';
import useMountedState from 'react-use/esm/useMountedState';
import { audienceSyncsApiRef } from '../../api';
import { useSyncSignals } from '../common/useSyncSignals';

/** A sync with its audience and destination; either of those may fail to load without hiding the sync. */
export interface SyncDetails {
  sync: AudienceSync;
  audience?: Audience;
  audienceError?: Error;
  destination?: Destination;
  destinationError?: Error;
}

interface State {
  loading: boolean;
  error?: Error;
  details?: SyncDetails;
  /** A later refresh of the sync failed; the details shown are from before it. */
  refreshError?: Error;
}

function settled<T>(result: PromiseSettledResult<T>) {
  return result.status === 'fulfilled'
    ? { value: result.value, error: undefined }
    : { value: undefined, error: result.reason as Error };
}

/**
 * Loads a sync, its audience and its destination; `setSync` and `refreshSync` keep the sync current, and
 * so does a signal that someone changed or deleted it elsewhere.
 */
export function useSyncDetails(syncId: string) {
  const api = useApi(audienceSyncsApiRef);
  const isMounted = useMountedState();
  const [state, setState] = useState<State>({ loading: true });

  useEffect(() => {
    let current = true;
    setState({ loading: true });
    (async () => {
      const sync = await api.getSync(syncId);
      const [audienceResult, destinationResult] = await Promise.allSettled([
        api.getAudience(sync.audienceId),
        api.getDestination(sync.destinationId),
      ]);
      const audience = settled(audienceResult);
      const destination = settled(destinationResult);
      if (current) {
        setState({
          loading: false,
          details: {
            sync,
            audience: audience.value,
            audienceError: audience.error,
            destination: destination.value,
            destinationError: destination.error,
          },
        });
      }
    })().catch(error => {
      if (current) setState({ loading: false, error });
    });
    return () => {
      current = false;
    };
  }, [api, syncId]);

  const setSync = useCallback((sync: AudienceSync) => {
    setState(s =>
      s.details
        ? { ...s, refreshError: undefined, details: { ...s.details, sync } }
        : s,
    );
  }, []);

  const refreshSync = useCallback(async () => {
    try {
      const sync = await api.getSync(syncId);
      if (isMounted()) setSync(sync);
    } catch (error) {
      if (isMounted()) {
        setState(s => ({ ...s, refreshError: error as Error }));
      }
    }
  }, [api, syncId, isMounted, setSync]);

  useSyncSignals(signal => {
    if (
      signal.syncId === syncId &&
      (signal.change === 'updated' || signal.change === 'deleted')
    ) {
      refreshSync();
    }
  });

  return { ...state, setSync, refreshSync };
}
