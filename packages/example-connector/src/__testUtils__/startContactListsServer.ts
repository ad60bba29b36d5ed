import { ConformanceEmulator } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** Lists per page: small, so that listing pages through the cursor. */
const PAGE_SIZE = 2;
const MAX_EMAILS = 100;
/** The contact fields of every account: a key, a title and a kind. */
const FIELDS = [
  { key: 'first_name', title: 'First name', kind: 'text' },
  { key: 'lifetime_value', title: 'Lifetime value', kind: 'number' },
] as const;

/**
 * A loopback fake of the contact-lists vendor, for tests: `x-api-key` auth, lists paged by cursor,
 * contacts added and removed by email (an address without `@` is refused by row) with the values of the
 * account's contact fields (an unknown field, or text in a number field, is a 400), at most 100 emails a
 * request, and an optional rate limit answered with 429 and `Retry-After`.
 */
export async function startContactListsServer(options: {
  apiKey: string;
}): Promise<ConformanceEmulator> {
  let lists = new Map<string, { name: string; emails: Set<string> }>();
  let limit: { requests: number; perSeconds: number } | null = null;
  let bucket = { tokens: 0, at: 0 };
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;

  /** A token bucket: `requests` tokens, refilled at `requests / perSeconds` a second. */
  function throttled(): number | undefined {
    if (!limit) return undefined;
    const rate = limit.requests / (limit.perSeconds * 1000);
    const time = now();
    const tokens = Math.min(
      limit.requests,
      bucket.tokens + (time - bucket.at) * rate,
    );
    bucket = { tokens, at: time };
    if (tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.ceil((1 - tokens) / rate / 1000);
  }

  function route(
    method: string,
    path: string[],
    url: URL,
    body: {
      name?: string;
      emails?: string[];
      fields?: Record<string, Record<string, unknown>>;
    },
  ): [number, unknown] {
    if (method === 'GET' && path.join('/') === 'v1/fields') {
      return [200, { fields: FIELDS }];
    }
    for (const values of Object.values(body.fields ?? {})) {
      for (const [key, value] of Object.entries(values)) {
        const field = FIELDS.find(f => f.key === key);
        if (!field) return [400, { error: `unknown field '${key}'` }];
        if (
          field.kind === 'number' &&
          value !== null &&
          typeof value !== 'number'
        ) {
          return [400, { error: `field '${key}' takes a number` }];
        }
      }
    }
    if (method === 'GET' && path.join('/') === 'v1/lists') {
      const all = [...lists].map(([id, { name }]) => ({ id, name }));
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const end = start + PAGE_SIZE;
      return [
        200,
        {
          lists: all.slice(start, end),
          nextCursor: end < all.length ? String(end) : undefined,
        },
      ];
    }
    if (method === 'POST' && path.join('/') === 'v1/lists') {
      const id = `list-${lists.size + 1}`;
      lists.set(id, { name: String(body.name), emails: new Set() });
      return [201, { id, name: body.name }];
    }
    const [, , listId, contacts, operation] = path;
    const list = lists.get(listId);
    if (method !== 'POST' || contacts !== 'contacts' || !list) {
      return [404, { error: 'not found' }];
    }
    const emails = body.emails ?? [];
    if (emails.length > MAX_EMAILS) {
      return [413, { error: `at most ${MAX_EMAILS} emails per request` }];
    }
    const refused = emails
      .filter(email => !email.includes('@'))
      .map(email => ({ email, reason: 'not an email address' }));
    for (const email of emails.filter(e => e.includes('@'))) {
      if (operation === 'add') list.emails.add(email);
      else list.emails.delete(email);
    }
    return [200, { refused }];
  }

  function answer(req: IncomingMessage, res: ServerResponse, text: string) {
    const send = (status: number, body: unknown, headers = {}) =>
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(body));
    if (req.headers['x-api-key'] !== options.apiKey) {
      send(401, { error: 'invalid api key' });
      return;
    }
    const wait = throttled();
    if (wait !== undefined) {
      send(429, { error: 'slow down' }, { 'retry-after': String(wait) });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [status, body] = route(
      req.method ?? 'GET',
      url.pathname.split('/').filter(Boolean),
      url,
      text ? JSON.parse(text) : {},
    );
    send(status, body);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString()));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    members: objectId => [...(lists.get(objectId)?.emails ?? [])].sort(),
    // Changes apply at once.
    flush: () => 0,
    setRateLimit(next) {
      limit = next;
      bucket = { tokens: next?.requests ?? 0, at: now() };
    },
    advanceClock(ms) {
      clockOffset += ms;
    },
    reset() {
      lists = new Map();
      limit = null;
      clockOffset = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise(resolve => server.close(() => resolve()));
    },
  };
}
