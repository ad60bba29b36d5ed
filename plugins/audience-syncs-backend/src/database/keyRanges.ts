import { Knex } from 'knex';

/** A key range `(after, last]` of one side of a diff. */
export interface KeyRange {
  after: string;
  last: string;
}

/**
 * Consecutive ranges of `size` member keys of the rows `side` selects, each found from the primary-key
 * index when the previous one is used up.
 */
export async function* keyRanges(
  side: Knex.QueryBuilder,
  size: number,
): AsyncGenerator<KeyRange> {
  let after = '';
  for (;;) {
    const next = side.clone().where('member_key', '>', after);
    const bound = await next
      .clone()
      .orderBy('member_key', 'asc')
      .offset(size - 1)
      .first('member_key');
    const last: string | null =
      bound?.member_key ??
      (await next.clone().max({ last: 'member_key' }))[0].last;
    if (last === null || last === undefined) return;
    yield { after, last };
    if (!bound) return;
    after = last;
  }
}
