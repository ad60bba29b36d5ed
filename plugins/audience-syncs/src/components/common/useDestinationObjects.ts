import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { audienceSyncsApiRef } from '../../api';

/** The objects (lists, custom audiences, campaigns…) a destination has, as it reports them now. */
export function useDestinationObjects(destinationId: string) {
  const api = useApi(audienceSyncsApiRef);
  return useAsync(
    () => api.listDestinationObjects(destinationId),
    [api, destinationId],
  );
}
