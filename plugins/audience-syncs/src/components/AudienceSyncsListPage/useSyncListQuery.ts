import {
  SYNC_STATUSES,
  SyncStatus,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_PAGE_SIZE = 25;

/** What the list shows: filters, search and page, kept in the URL so "back" from a sync returns to them. */
export interface SyncListQuery {
  search: string;
  status?: SyncStatus;
  audienceId?: string;
  destinationId?: string;
  /** Zero-based. */
  page: number;
  pageSize: number;
}

const FILTER_KEYS = ['search', 'status', 'audienceId', 'destinationId'];

function toNumber(value: string | null, fallback: number, allowed?: number[]) {
  const number = Number(value);
  if (value === null || !Number.isInteger(number) || number < 0) {
    return fallback;
  }
  return allowed && !allowed.includes(number) ? fallback : number;
}

/** The list query read from and written to the URL's search parameters. */
export function useSyncListQuery(): [
  SyncListQuery,
  (change: Partial<SyncListQuery>) => void,
] {
  const [params, setParams] = useSearchParams();

  const query = useMemo((): SyncListQuery => {
    const status = params.get('status') as SyncStatus | null;
    return {
      search: params.get('search') ?? '',
      status: status && SYNC_STATUSES.includes(status) ? status : undefined,
      audienceId: params.get('audienceId') || undefined,
      destinationId: params.get('destinationId') || undefined,
      page: toNumber(params.get('page'), 0),
      pageSize: toNumber(params.get('pageSize'), DEFAULT_PAGE_SIZE, PAGE_SIZES),
    };
  }, [params]);

  const setQuery = useCallback(
    (change: Partial<SyncListQuery>) => {
      setParams(
        current => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(change)) {
            if (value === undefined || value === '') {
              next.delete(key);
            } else {
              next.set(key, String(value));
            }
          }
          // A new filter or page size starts over at the first page.
          const refiltered = Object.keys(change).some(
            key => FILTER_KEYS.includes(key) || key === 'pageSize',
          );
          if (refiltered && change.page === undefined) {
            next.delete('page');
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return [query, setQuery];
}
