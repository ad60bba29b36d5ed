import { BottomLinkProps } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';
import { useAudienceSyncsList } from '../AudienceSyncsListPage/useAudienceSyncsList';
import { useSyncLookups } from '../common/useSyncLookups';

/** A card lists this many syncs and links to the rest; the entity tab pages through all of them. */
const CARD_SYNC_LIMIT = 5;

export type EntitySyncsFilter =
  | { audienceId: string }
  | { destinationId: string };

/**
 * The first syncs of one audience or destination for an entity card, the names of both ends of each, and,
 * when there are more, a link to all of them on the list page (which reads its filters from the URL).
 */
export function useEntitySyncs(filter: EntitySyncsFilter) {
  const listLink = useRouteRef(rootRouteRef);
  const syncs = useAudienceSyncsList({
    search: '',
    ...filter,
    page: 0,
    pageSize: CARD_SYNC_LIMIT,
  });
  const lookups = useSyncLookups();

  let moreLink: BottomLinkProps | undefined;
  if (syncs.value && syncs.value.totalCount > syncs.value.items.length) {
    moreLink = {
      title: `View all ${syncs.value.totalCount} syncs`,
      link: `${listLink()}?${new URLSearchParams(filter)}`,
    };
  }
  return { syncs, lookups, moreLink };
}
