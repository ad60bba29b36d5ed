import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { DestinationError } from '../connectors';
import {
  createOAuthTokenProvider,
  OAuthGrant,
} from './createOAuthTokenProvider';
import { httpStatusError } from './httpStatusError';
import { HttpTransport } from './HttpTransport';

const SECRET = 'client-secret-9c1e';
const REFRESH = 'refresh-token-77f0';

let server: Server;
let baseUrl: string;
let grants: URLSearchParams[];
let tokenAnswer: (res: ServerResponse, n: number) => void;
let valid: Set<string>;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      if (req.url === '/token') {
        grants.push(new URLSearchParams(body));
        // Slow enough that concurrent callers overlap with the grant in flight.
        setTimeout(() => tokenAnswer(res, grants.length), 30);
        return;
      }
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      res.writeHead(valid.has(token) ? 200 : 401, {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify(valid.has(token) ? { ok: token } : {}));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  grants = [];
  valid = new Set();
  tokenAnswer = (res, n) => {
    valid.add(`access-${n}`);
    json(res, 200, {
      access_token: `access-${n}`,
      token_type: 'Bearer',
      expires_in: 3599,
    });
  };
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise(resolve => server.close(resolve));
});

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const grant = (): OAuthGrant => ({
  type: 'refresh_token',
  tokenUrl: `${baseUrl}/token`,
  clientId: 'client-1',
  clientSecret: SECRET,
  refreshToken: REFRESH,
});

function transport() {
  return HttpTransport.create({
    service: 'Vendor',
    baseUrl,
    timeoutMs: 2000,
    auth: {
      type: 'oauth2',
      grant: grant(),
      credentials: 'clientId, clientSecret and refreshToken',
    },
    toError: answer =>
      httpStatusError(answer, { service: 'Vendor', credentials: 'clientId' }),
  });
}

async function failure(promise: Promise<unknown>): Promise<DestinationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DestinationError);
  const text = `${(error as Error).message}\n${(error as Error).stack}`;
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(REFRESH);
  expect(text).not.toMatch(/access-\d/);
  return error as DestinationError;
}

describe('createOAuthTokenProvider', () => {
  it('exchanges the refresh token in the form, once for concurrent requests', async () => {
    const http = transport();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => http.json('GET', '/api')),
    );
    expect(answers).toEqual(Array(6).fill({ ok: 'access-1' }));
    expect(grants).toHaveLength(1);
    expect(Object.fromEntries(grants[0])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: REFRESH,
      client_id: 'client-1',
      client_secret: SECRET,
    });
  });

  it('refreshes once when the vendor refuses the token, shared by the requests it refused', async () => {
    const http = transport();
    await http.json('GET', '/api');
    valid.clear(); // the vendor revoked access-1
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => http.json('GET', '/api')),
    );
    expect(answers).toEqual(Array(4).fill({ ok: 'access-2' }));
    expect(grants).toHaveLength(2);
  });

  it('renews a token before its expires_in runs out', async () => {
    tokenAnswer = (res, n) => {
      valid.add(`access-${n}`);
      json(res, 200, {
        access_token: `access-${n}`,
        token_type: 'bearer',
        expires_in: 1,
      });
    };
    const http = transport();
    await expect(http.json('GET', '/api')).resolves.toEqual({
      ok: 'access-1',
    });
    await new Promise(resolve => setTimeout(resolve, 950));
    await expect(http.json('GET', '/api')).resolves.toEqual({
      ok: 'access-2',
    });
    expect(grants).toHaveLength(2);
  });

  it('fails for good on a refused grant, naming the settings, and asks again next time', async () => {
    tokenAnswer = (res, n) =>
      n === 1
        ? json(res, 400, {
            error: 'invalid_grant',
            error_description: `Token ${REFRESH} has been expired or revoked.`,
          })
        : (valid.add(`access-${n}`),
          json(res, 200, {
            access_token: `access-${n}`,
            token_type: 'Bearer',
          }));
    const http = transport();
    const error = await failure(http.json('GET', '/api'));
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(error.message).toContain('invalid_grant');
    expect(error.message).toContain('clientId, clientSecret and refreshToken');
    await expect(http.json('GET', '/api')).resolves.toEqual({
      ok: 'access-2',
    });
  });

  it("reads a vendor's own refusal shape, and retries 5xx and throttling", async () => {
    tokenAnswer = res =>
      json(res, 400, {
        status: 'BAD_REFRESH_TOKEN',
        message: 'missing or invalid refresh token',
      });
    const refused = await failure(transport().json('GET', '/api'));
    expect(refused.message).toContain('BAD_REFRESH_TOKEN');

    tokenAnswer = res => json(res, 503, { error: 'backend_error' });
    expect(await failure(transport().json('GET', '/api'))).toMatchObject({
      code: 'token_endpoint_unavailable',
      retryable: true,
    });
    tokenAnswer = res => json(res, 429, {});
    expect(await failure(transport().json('GET', '/api'))).toMatchObject({
      throttled: true,
      retryable: true,
    });
  });

  it('refuses to send credentials over plain http off loopback', async () => {
    const provider = createOAuthTokenProvider({
      grant: { ...grant(), tokenUrl: 'http://token.example.com/token' },
      service: 'Vendor',
      credentials: 'clientId',
      timeoutMs: 1000,
    });
    const error = await failure(provider.getToken());
    expect(error.retryable).toBe(false);
    expect(grants).toHaveLength(0);
  });
});
