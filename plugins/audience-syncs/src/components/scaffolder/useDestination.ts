import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';

/** The destination with this id and its capabilities. */
export function useDestination(destinationId: string | undefined) {
  const api = useApi(audienceSyncsApiRef);
  return useAsync(
    async () => (destinationId ? api.getDestination(destinationId) : undefined),
    [api, destinationId],
  );
}
