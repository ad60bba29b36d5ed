import { HubSpotList } from './HubSpotPortal';

/** "The maximum limit is 250"; HubSpot answers 100 records when no limit is given. */
export const HUBSPOT_MAX_MEMBERSHIP_LIMIT = 250;
const DEFAULT_LIMIT = 100;

/**
 * One page of `GET /crm/v3/lists/{listId}/memberships`: the members in record id order after the
 * `after` cursor. The cursor names the last record id read (opaque to clients, as HubSpot's is), so a
 * member removed between pages does not shift the next page. Returns the 400 message for bad paging.
 */
export function membershipPage(
  list: HubSpotList,
  query: Record<string, unknown>,
):
  | string
  | {
      results: Array<{ recordId: string; membershipTimestamp: string }>;
      paging?: { next: { after: string } };
      total: number;
    } {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > HUBSPOT_MAX_MEMBERSHIP_LIMIT
  ) {
    return `limit: must be a whole number from 1 to ${HUBSPOT_MAX_MEMBERSHIP_LIMIT}`;
  }
  let after = 0;
  if (query.after !== undefined) {
    const decoded = Buffer.from(String(query.after), 'base64url').toString();
    after = Number(decoded);
    if (!/^\d+$/.test(decoded) || !Number.isSafeInteger(after)) {
      return `after: '${query.after}' is not a paging cursor this list gave`;
    }
  }
  const ordered = [...list.members.entries()]
    .map(([recordId, membershipTimestamp]) => ({
      recordId,
      membershipTimestamp,
    }))
    .sort((a, b) => Number(a.recordId) - Number(b.recordId));
  const rest = ordered.filter(m => Number(m.recordId) > after);
  const results = rest.slice(0, limit);
  const last = results[results.length - 1];
  return {
    results,
    ...(rest.length > limit && last
      ? {
          paging: {
            next: { after: Buffer.from(last.recordId).toString('base64url') },
          },
        }
      : {}),
    total: ordered.length,
  };
}
