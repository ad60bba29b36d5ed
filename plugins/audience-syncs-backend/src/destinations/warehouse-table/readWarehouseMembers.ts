import { DestinationMember } from '@signalsmith/backstage-plugin-audience-syncs-node';

/**
 * The keys of an object's rows in key order, a page at a time: each page starts after the last key
 * read (keyset paging), so rows added or deleted meanwhile neither repeat a key nor skip one that stays.
 */
export async function* readWarehouseMembers(options: {
  pageSize: number;
  /** Up to `limit` keys of the object greater than `after` (all, without it), in key order. */
  page(after: string | undefined, limit: number): Promise<string[]>;
  signal?: AbortSignal;
}): AsyncGenerator<DestinationMember[]> {
  const { pageSize, page, signal } = options;
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const keys = await page(after, pageSize);
    if (keys.length > 0) yield keys.map(identifier => ({ identifier }));
    if (keys.length < pageSize) return;
    after = keys[keys.length - 1];
  }
}
