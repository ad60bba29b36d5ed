import { useApiHolder } from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  AUDIENCE_SYNCS_SIGNAL_CHANNEL,
  SyncSignal,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useEffect, useRef } from 'react';

/**
 * Hears the backend announce changes to syncs and their runs, calling `onSignal` for each. When the
 * portal has no signals plugin, `isSignalsAvailable` is false and the caller polls instead.
 *
 * It subscribes itself rather than through `useSignal`, which keeps only the last message in state:
 * two messages that land before a render would be one, and every sync shares the channel, so the one
 * about this page's sync could be the one lost.
 */
export function useSyncSignals(onSignal: (signal: SyncSignal) => void): {
  isSignalsAvailable: boolean;
} {
  const signals = useApiHolder().get(signalApiRef);
  const handler = useRef(onSignal);
  handler.current = onSignal;
  useEffect(() => {
    if (!signals) return undefined;
    const subscription = signals.subscribe<SyncSignal>(
      AUDIENCE_SYNCS_SIGNAL_CHANNEL,
      message => handler.current(message),
    );
    return () => subscription.unsubscribe();
  }, [signals]);
  return { isSignalsAvailable: Boolean(signals) };
}
