import { mockServices } from '@backstage/backend-test-utils';
import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { DestinationError } from '../connectors';
import { createTokenProvider } from './createTokenProvider';
import { HttpAnswer } from './HttpAnswer';
import { httpStatusError } from './httpStatusError';
import { HttpTransport, HttpTransportOptions } from './HttpTransport';

const TOKEN = 'tok-3f9a-secret';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let baseUrl: string;
let received: Received[];
let handler: (req: IncomingMessage, res: ServerResponse, r: Received) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const r = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(r);
      handler(req, res, r);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

beforeEach(() => {
  received = [];
  handler = (_req, res) => json(res, 200, { ok: true });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise(resolve => server.close(resolve));
});

function json(res: ServerResponse, status: number, body: unknown) {
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify(body));
}

function transport(options: Partial<HttpTransportOptions> = {}) {
  return HttpTransport.create({
    service: 'Acme',
    baseUrl,
    auth: { type: 'bearer', token: TOKEN },
    timeoutMs: 1000,
    toError: answer =>
      httpStatusError(answer, { service: 'Acme', credentials: 'apiToken' }),
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<DestinationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DestinationError);
  return error as DestinationError;
}

describe('HttpTransport', () => {
  it('sends JSON under the base URL with the query and the auth, and returns the body of a success', async () => {
    handler = (_req, res) => json(res, 201, { id: 7 });
    await expect(
      transport().json('POST', '/lists', {
        query: { page: '2', cursor: undefined },
        body: { name: 'VIP' },
      }),
    ).resolves.toEqual({ id: 7 });
    expect(received).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/api/lists?page=2',
        body: '{"name":"VIP"}',
        headers: expect.objectContaining({
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
        }),
      }),
    ]);
  });

  it.each([
    [
      { type: 'basic' as const, username: 'user', password: 'pw' },
      'authorization',
      `Basic ${Buffer.from('user:pw').toString('base64')}`,
    ],
    [
      { type: 'header' as const, name: 'x-api-key', value: 'key-1' },
      'x-api-key',
      'key-1',
    ],
  ])('authenticates with %p', async (auth, header, value) => {
    await transport({ auth }).json('GET', '/me');
    expect(received[0].headers[header]).toBe(value);
  });

  it('sends forms and already serialized bodies as they are', async () => {
    const http = transport({ auth: undefined });
    await http.request('POST', '/token', { form: { grant: 'x y' } });
    await http.request('POST', '/hook', { text: '{"signed":true}' });
    expect(received.map(r => [r.headers['content-type'], r.body])).toEqual([
      ['application/x-www-form-urlencoded', 'grant=x+y'],
      ['application/json', '{"signed":true}'],
    ]);
  });

  it('returns any answer from request, and throws the vendor error from json', async () => {
    handler = (_req, res) => json(res, 409, { message: 'name taken' });
    const answer = await transport().request('POST', '/lists');
    expect(answer).toMatchObject({
      status: 409,
      body: { message: 'name taken' },
    });
    expect(answer.text).toBe('{"message":"name taken"}');

    const error = await failure(transport().json('POST', '/lists'));
    expect(error).toMatchObject({ code: 'http_409', retryable: false });
    expect(error.message).toContain('name taken');
  });

  it('reads the wait of a throttled answer from Retry-After', async () => {
    handler = (_req, res) => res.writeHead(429, { 'retry-after': '3' }).end();
    const error = await failure(transport().json('GET', '/lists'));
    expect(error).toMatchObject({
      code: 'throttled',
      throttled: true,
      retryable: true,
      retryAfterMs: 3000,
    });
  });

  it('takes a per-request reading of a failure, and a vendor definition of success', async () => {
    handler = (_req, res) => json(res, 200, { error: 'quota' });
    const vendorSaid = (answer: HttpAnswer) =>
      new DestinationError({
        message: `the tag is gone (${answer.status})`,
        code: 'object_not_found',
        retryable: false,
      });
    const http = transport({
      isSuccess: answer => !(answer.body as { error?: string }).error,
    });
    const error = await failure(
      http.json('GET', '/tags/1', { toError: vendorSaid }),
    );
    expect(error.message).toBe('the tag is gone (200)');
  });

  describe('credentials in errors', () => {
    it('scrubs the auth and the given secrets from what a vendor error quotes', async () => {
      handler = (_req, res, r) =>
        json(res, 400, { echo: r.headers.authorization, note: 'app-secret-9' });
      const error = await failure(
        transport({ secrets: ['app-secret-9'] }).json('GET', '/lists'),
      );
      expect(error.message).toContain('[redacted]');
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain('app-secret-9');
    });

    it('scrubs the encoded Basic credentials too', async () => {
      const encoded = Buffer.from('user:pw-7c1d').toString('base64');
      handler = (_req, res) => json(res, 500, { saw: encoded });
      const error = await failure(
        transport({
          auth: { type: 'basic', username: 'user', password: 'pw-7c1d' },
        }).json('GET', '/lists'),
      );
      expect(error.message).not.toContain(encoded);
    });

    it('scrubs a credential that fetch quotes when it refuses the request, and does not retry it', async () => {
      const token = `${TOKEN}\nrest-of-the-token`;
      const error = await failure(
        transport({ auth: { type: 'bearer', token } }).json('GET', '/lists'),
      );
      expect(error).toMatchObject({
        code: 'request_not_sent',
        retryable: false,
      });
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain('rest-of-the-token');
      expect(received).toHaveLength(0);
    });

    it('scrubs a credential in the URL', async () => {
      const error = await failure(
        transport({
          baseUrl: baseUrl.replace('://', '://user:url-secret-5@'),
          secrets: ['url-secret-5'],
        }).json('GET', '/lists'),
      );
      expect(error.message).not.toContain('url-secret-5');
    });
  });

  describe('requests without an answer', () => {
    it('fails as a retryable network error, saying why, when nobody listens', async () => {
      const closed = createServer();
      await new Promise<void>(resolve =>
        closed.listen(0, '127.0.0.1', resolve),
      );
      const { port } = closed.address() as AddressInfo;
      await new Promise(resolve => closed.close(resolve));
      const error = await failure(
        transport({ baseUrl: `http://127.0.0.1:${port}` }).json('GET', '/'),
      );
      expect(error).toMatchObject({ code: 'network_error', retryable: true });
      expect(error.message).toMatch(
        /^Acme could not be reached: .*ECONNREFUSED/,
      );
    });

    it('gives up after timeoutMs, also on an answer cut short', async () => {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
      };
      const started = Date.now();
      const error = await failure(
        transport({ timeoutMs: 150 }).json('GET', '/slow'),
      );
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('is cancelled, not retried, when the signal aborts', async () => {
      handler = () => {};
      const controller = new AbortController();
      const pending = failure(
        transport().json('GET', '/slow', { signal: controller.signal }),
      );
      // Abort once the request is in, so that it cannot reach the server during a later test.
      while (received.length === 0) {
        await new Promise(resolve => setTimeout(resolve, 5));
      }
      controller.abort();
      expect(await pending).toMatchObject({
        code: 'aborted',
        retryable: false,
      });
    });
  });

  it('keeps at most maxConcurrentRequests open, and starts the time-out when a request is sent', async () => {
    const open: ServerResponse[] = [];
    let most = 0;
    handler = (_req, res) => {
      open.push(res);
      most = Math.max(most, open.length);
      setTimeout(() => {
        open.splice(open.indexOf(res), 1);
        json(res, 200, {});
      }, 200);
    };
    // Four rounds of two: the last requests wait longer than timeoutMs for their slot.
    const http = transport({ maxConcurrentRequests: 2, timeoutMs: 500 });
    await Promise.all(
      Array.from({ length: 8 }, () => http.json('GET', '/lists')),
    );
    expect(most).toBe(2);
    expect(received).toHaveLength(8);
  });

  describe('token providers', () => {
    it('fetches a token once, and a new one when the vendor refuses it', async () => {
      let issued = 0;
      const provider = createTokenProvider(async () => `session-${++issued}`);
      handler = (_req, res, r) =>
        r.headers.authorization === 'Bearer session-1'
          ? json(res, 401, { error: 'expired' })
          : json(res, 200, { ok: true });
      const http = transport({
        auth: { type: 'token-provider', provider },
      });

      await expect(http.json('GET', '/a')).resolves.toEqual({ ok: true });
      await expect(http.json('GET', '/b')).resolves.toEqual({ ok: true });
      expect(received.map(r => r.headers.authorization)).toEqual([
        'Bearer session-1',
        'Bearer session-2',
        'Bearer session-2',
      ]);
      expect(issued).toBe(2);
    });

    it('scrubs the tokens it issued from errors', async () => {
      const provider = createTokenProvider(async () => 'session-abc');
      handler = (_req, res, r) =>
        json(res, 403, { said: r.headers.authorization });
      const error = await failure(
        transport({ auth: { type: 'token-provider', provider } }).json(
          'GET',
          '/a',
        ),
      );
      expect(error.message).not.toContain('session-abc');
    });

    it('shares one fetch between concurrent calls, and does not keep a failed one', async () => {
      let calls = 0;
      const provider = createTokenProvider(async () => {
        calls += 1;
        if (calls === 1) throw new Error('token endpoint down');
        return `token-${calls}`;
      });
      await expect(provider.getToken()).rejects.toThrow('token endpoint down');
      const [a, b] = await Promise.all([
        provider.getToken(),
        provider.getToken(),
      ]);
      expect([a, b, calls]).toEqual(['token-2', 'token-2', 2]);
      provider.invalidate('some-older-token');
      await expect(provider.getToken()).resolves.toBe('token-2');
      provider.invalidate('token-2');
      await expect(provider.getToken()).resolves.toBe('token-3');
    });
  });

  describe('paginate', () => {
    function pages(count: number) {
      handler = (req, res) => {
        const page = Number(new URL(req.url!, baseUrl).searchParams.get('p'));
        json(res, 200, {
          items: [`item-${page}`],
          next: page + 1 < count ? page + 1 : undefined,
        });
      };
    }

    const listing = (onPageCap?: jest.Mock) => ({
      request: (page = 0) => ({
        method: 'GET' as const,
        path: '/items',
        query: { p: String(page) },
      }),
      read: (body: { items: string[]; next?: number }) => ({
        items: body.items,
        next: body.next,
      }),
      maxPages: 3,
      what: 'items of the test listing',
      onPageCap,
    });

    it('follows the cursor to the last page', async () => {
      pages(3);
      const onPageCap = jest.fn();
      await expect(transport().paginate(listing(onPageCap))).resolves.toEqual([
        'item-0',
        'item-1',
        'item-2',
      ]);
      expect(onPageCap).not.toHaveBeenCalled();
    });

    it('stops at maxPages and says so', async () => {
      pages(10);
      const onPageCap = jest.fn();
      await expect(
        transport().paginate(listing(onPageCap)),
      ).resolves.toHaveLength(3);
      expect(onPageCap).toHaveBeenCalledWith(['item-0', 'item-1', 'item-2']);
      expect(received).toHaveLength(3);
    });

    it('warns through its logger when stopped at maxPages, unless told what to do', async () => {
      pages(10);
      const logger = mockServices.logger.mock();
      await expect(
        transport({ logger }).paginate(listing()),
      ).resolves.toHaveLength(3);
      expect(logger.warn).toHaveBeenCalledWith(
        'Listed only the first 3 items of the test listing',
      );
    });
  });

  describe('redirects', () => {
    let elsewhere: Server;
    let elsewhereUrl: string;
    let reachedElsewhere: IncomingHttpHeaders[];

    beforeAll(async () => {
      elsewhere = createServer((req, res) => {
        reachedElsewhere.push(req.headers);
        json(res, 200, { ok: true });
      });
      await new Promise<void>(resolve =>
        elsewhere.listen(0, '127.0.0.1', resolve),
      );
      elsewhereUrl = `http://127.0.0.1:${
        (elsewhere.address() as AddressInfo).port
      }`;
    });

    beforeEach(() => {
      reachedElsewhere = [];
    });

    afterAll(async () => {
      elsewhere.closeAllConnections();
      await new Promise(resolve => elsewhere.close(resolve));
    });

    it.each([301, 302, 303, 307, 308])(
      'refuses a %i: nothing reaches the other host, and the error names it',
      async status => {
        handler = (_req, res) =>
          res
            .writeHead(status, {
              location: `${elsewhereUrl}/collect?token=${TOKEN}`,
            })
            .end();
        const error = await failure(
          transport().request('POST', '/lists', { body: { email: 'a@x.io' } }),
        );
        expect(reachedElsewhere).toEqual([]);
        expect(received).toHaveLength(1);
        expect(error.code).toBe('redirected');
        expect(error.retryable).toBe(false);
        expect(error.message).toContain(new URL(elsewhereUrl).host);
        expect(error.message).toContain(String(status));
        expect(error.message).not.toContain(TOKEN);
      },
    );
  });
});
