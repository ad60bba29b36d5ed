import {
  DestinationMember,
  HttpTransport,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { BatchAnswer } from './hubspotResponses';

/** Memberships per page: the 100 ids one batch read of contacts takes (the listing allows 250). */
const PAGE_SIZE = 100;

/**
 * The members of a contact list, a page at a time: a page of record ids from the list's memberships
 * (HubSpot's `after` cursor), then one batch read of those contacts for their emails, which is what
 * `prepare` sends. A contact deleted between the two calls is no longer a member: it is left out.
 */
export async function* readHubSpotMembers(options: {
  http: HttpTransport;
  listPath: string;
  contactsPath: string;
  signal?: AbortSignal;
}): AsyncGenerator<DestinationMember[]> {
  const { http, listPath, contactsPath, signal } = options;
  let after: string | undefined;
  do {
    signal?.throwIfAborted();
    const page = await http.json<{
      results?: Array<{ recordId?: string | number }>;
      paging?: { next?: { after?: string } };
    }>('GET', `${listPath}/memberships`, {
      query: { limit: String(PAGE_SIZE), after },
      signal,
    });
    const ids = (page.results ?? [])
      .map(r => r.recordId)
      .filter(id => id !== undefined)
      .map(String);
    const next = page.paging?.next?.after;
    // A cursor that does not move on would read the same page forever.
    after = next && next !== after ? next : undefined;
    if (ids.length === 0) continue;
    const answer = await http.request('POST', `${contactsPath}/batch/read`, {
      body: { inputs: ids.map(id => ({ id })), properties: ['email'] },
      signal,
    });
    if (answer.status !== 200 && answer.status !== 207) {
      throw http.error(answer);
    }
    const body = (answer.body ?? {}) as BatchAnswer;
    const unexpected = (body.errors ?? []).filter(
      e => e.category !== 'OBJECT_NOT_FOUND',
    );
    if (unexpected.length > 0) {
      throw http.error({ ...answer, body: unexpected[0] });
    }
    const members = (body.results ?? [])
      .map(r => r.properties?.email?.trim().toLowerCase())
      .filter((email): email is string => !!email)
      .map(identifier => ({ identifier }));
    if (members.length > 0) yield members;
  } while (after !== undefined);
}
