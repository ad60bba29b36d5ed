import { useApi } from '@backstage/core-plugin-api';
import { CreateSyncRequest } from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../../api';

/** The server's verdict on a create request, without saving it; nothing to check while the form is incomplete. */
export function useDryRun(request: CreateSyncRequest | undefined) {
  const api = useApi(audienceSyncsApiRef);
  // The request is rebuilt on every render: its JSON says whether it changed.
  const key = JSON.stringify(request);
  return useAsync(
    async () => (request ? api.dryRunCreateSync(request) : undefined),
    [api, key],
  );
}
