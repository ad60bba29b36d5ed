import { useApi } from '@backstage/core-plugin-api';
import { Page } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { audienceSyncsApiRef } from '../../api';

/** The largest page the syncs route serves: the home reads the newest syncs in one request. */
export const HOME_SYNCS_LIMIT = 500;
/** The home is a dashboard left open on a screen: it reads again this often. */
const REFRESH_MS = 30_000;

/** The newest syncs the user may see, each with its newest run, refreshed while the page is open. */
export function useSegmentOverview() {
  const api = useApi(audienceSyncsApiRef);
  const syncs = useAsyncRetry(
    (): Promise<Page<AudienceSync>> =>
      api.listSyncs({ limit: HOME_SYNCS_LIMIT }),
    [api],
  );
  useInterval(syncs.retry, REFRESH_MS);
  return syncs;
}
