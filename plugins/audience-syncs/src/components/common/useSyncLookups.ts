import { useApi } from '@backstage/core-plugin-api';
import {
  Audience,
  Destination,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import useAsync from 'react-use/esm/useAsync';
import { AudienceSyncsApi, audienceSyncsApiRef } from '../../api';

/** The largest page the audiences route serves. */
const AUDIENCES_PAGE_SIZE = 500;

async function listAllAudiences(api: AudienceSyncsApi): Promise<Audience[]> {
  const audiences: Audience[] = [];
  for (;;) {
    const page = await api.listAudiences({
      limit: AUDIENCES_PAGE_SIZE,
      offset: audiences.length,
    });
    audiences.push(...page.items);
    if (page.items.length === 0 || audiences.length >= page.totalCount) {
      return audiences;
    }
  }
}

export interface SyncLookups {
  audiences: Audience[];
  destinations: Destination[];
  audienceById: Map<string, Audience>;
  destinationById: Map<string, Destination>;
}

/**
 * Every audience and destination: the options of the list's filters and the names its rows show (a sync
 * carries only their ids).
 */
export function useSyncLookups() {
  const api = useApi(audienceSyncsApiRef);
  return useAsync(async (): Promise<SyncLookups> => {
    const [audiences, destinations] = await Promise.all([
      listAllAudiences(api),
      api.listDestinations(),
    ]);
    return {
      audiences,
      destinations,
      audienceById: new Map(audiences.map(a => [a.id, a])),
      destinationById: new Map(destinations.map(d => [d.id, d])),
    };
  }, [api]);
}
