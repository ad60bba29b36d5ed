import { useApi } from '@backstage/core-plugin-api';
import { UpdateSyncRequest } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { audienceSyncsApiRef } from '../../api';

/** Typing pauses this long before the server is asked again. */
const PREVIEW_DELAY_MS = 400;

/**
 * The server's dry run of an edit: its checks and the next run's plan, asked again once the edit has
 * stopped changing for a moment; nothing to ask while there is no edit (undefined). `settled` is false
 * while the answer is for an earlier version of the edit.
 */
export function useEditPreview(
  syncId: string,
  request: UpdateSyncRequest | undefined,
) {
  const api = useApi(audienceSyncsApiRef);
  // The request is rebuilt on every render: its JSON says whether it changed.
  const key = JSON.stringify(request ?? null);
  const [asked, setAsked] = useState(key);
  useDebounce(() => setAsked(key), PREVIEW_DELAY_MS, [key]);
  const state = useAsync(async () => {
    const edit: UpdateSyncRequest | null = JSON.parse(asked);
    return edit ? api.dryRunUpdateSync(syncId, edit) : undefined;
  }, [api, syncId, asked]);
  return { ...state, settled: asked === key && !state.loading };
}
