import {
  DestinationMember,
  HttpTransport,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { toDestinationError } from './mailchimpResponses';

/** Mailchimp's largest `count`. */
const PAGE_SIZE = 1000;

/**
 * The contacts a tag holds, a page at a time by `offset` and `count` until `total_items`, each by its
 * email lower-cased: what `prepare` sends and what the subscriber hash is made of.
 */
export async function* readMailchimpMembers(options: {
  http: HttpTransport;
  segmentPath: string;
  /** What a 404 means, for the error's message. */
  missing: string;
  signal?: AbortSignal;
}): AsyncGenerator<DestinationMember[]> {
  const { http, segmentPath, missing, signal } = options;
  let offset = 0;
  for (;;) {
    signal?.throwIfAborted();
    const body = await http.json<{
      members?: Array<{ email_address?: string }>;
      total_items?: number;
    }>('GET', `${segmentPath}/members`, {
      query: {
        count: String(PAGE_SIZE),
        offset: String(offset),
        fields: 'members.email_address,total_items',
      },
      signal,
      toError: answer => toDestinationError(answer, missing),
    });
    const members = body.members ?? [];
    const identifiers = members
      .map(m => m.email_address?.trim().toLowerCase())
      .filter((email): email is string => !!email)
      .map(identifier => ({ identifier }));
    if (identifiers.length > 0) yield identifiers;
    offset += members.length;
    // An empty page ends the listing even when total_items says more: it would not move on.
    if (members.length === 0 || offset >= (body.total_items ?? 0)) return;
  }
}
