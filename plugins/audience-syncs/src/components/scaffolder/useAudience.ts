import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';

/** The audience with this id, fresh from the server (its member count changes with each evaluation). */
export function useAudience(audienceId: string | undefined) {
  const api = useApi(audienceSyncsApiRef);
  return useAsync(
    async () => (audienceId ? api.getAudience(audienceId) : undefined),
    [api, audienceId],
  );
}
