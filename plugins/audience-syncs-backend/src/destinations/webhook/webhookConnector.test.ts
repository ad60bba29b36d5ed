import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AudienceMember,
  BatchRequest,
  DestinationClient,
  DestinationConnector,
  DestinationError,
  PreparedRow,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { createHmac } from 'node:crypto';
import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { webhookConnector } from './webhookConnector';
import { expectRejection } from '../../__testUtils__/expectRejection';

const SECRET = 'whsec-test-7f3a91c2d4-0b5e6a8c9d1f2e3a';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

interface ReceivedRequest {
  method?: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  received: ReceivedRequest,
) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let received: ReceivedRequest[];
/** Per request received, resolves once its connection is gone (answered or dropped). */
let closedResponses: Array<Promise<void>>;
/** Responses of the current test, ended or destroyed after it. */
let openResponses: ServerResponse[];

function listen(s: Server): Promise<number> {
  return new Promise(resolve => {
    s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
  });
}

function close(s: Server): Promise<void> {
  s.closeAllConnections();
  return new Promise(resolve => s.close(() => resolve()));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method,
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      openResponses.push(res);
      closedResponses.push(
        new Promise(resolve => res.on('close', () => resolve())),
      );
      handler(req, res, request);
    });
  });
  baseUrl = `http://127.0.0.1:${await listen(server)}/hooks/audiences`;
});

beforeEach(() => {
  received = [];
  closedResponses = [];
  openResponses = [];
  handler = (_req, res) => {
    res.writeHead(204).end();
  };
});

afterEach(() => {
  // Drop the requests left hanging by the time-out and abort tests. Idle keep-alive connections stay
  // open: closing them under the client's connection pool would fail the next test's request.
  for (const res of openResponses) {
    if (!res.writableEnded) res.destroy();
  }
});

afterAll(async () => {
  await close(server);
});

function destination(settings: JsonObject) {
  return {
    id: 'crm-webhook',
    type: 'webhook',
    name: 'CRM webhook',
    owner: 'group:default/marketing',
    settings: new ConfigReader(settings),
  };
}

function connect(settings: JsonObject = {}) {
  const connector: DestinationConnector = webhookConnector;
  return connector.connect(
    destination({ url: baseUrl, signingSecret: SECRET, ...settings }),
    { logger: mockServices.logger.mock() },
  );
}

function connectError(settings: JsonObject): Promise<Error> {
  const connector: DestinationConnector = webhookConnector;
  return expectRejection(
    connector.connect(destination(settings), {
      logger: mockServices.logger.mock(),
    }),
    Error,
  );
}

const target: SyncTarget = {
  object: { id: 'vip', name: 'VIP customers' },
  identifier: { entityKey: 'email', field: 'contact_email' },
  fieldMappings: [
    {
      source: { kind: 'trait', name: 'lifetime_value' },
      destinationField: 'ltv',
    },
    {
      source: { kind: 'attribute', name: 'plan_type' },
      destinationField: 'plan',
    },
  ],
};

const rows: PreparedRow[] = [
  {
    memberKey: 'ada@example.com',
    identifier: 'ada@example.com',
    fields: { ltv: 1200, plan: 'pro' },
  },
  {
    memberKey: 'alan@example.com',
    identifier: 'alan@example.com',
    fields: { ltv: 80, plan: null },
  },
];

function batch(overrides: Partial<BatchRequest> = {}): BatchRequest {
  return { operation: 'add', target, rows, ...overrides };
}

/** The DestinationError applyBatch failed with; no failure may reveal the signing secret. */
function batchError(
  client: DestinationClient,
  request: BatchRequest = batch(),
): Promise<DestinationError> {
  return expectRejection(client.applyBatch(request), DestinationError, [
    SECRET,
  ]);
}

function respond(status: number, headers: Record<string, string> = {}) {
  return (body = ''): Handler =>
    (_req, res) => {
      res.writeHead(status, headers).end(body);
    };
}

describe('WebhookConnector', () => {
  it('is the webhook type', () => {
    const connector = webhookConnector;
    expect(connector.type).toBe('webhook');
    expect(connector.label).toBe('Webhook');
  });

  describe('capabilities', () => {
    it('takes every entity key unhashed, any field, and the default batch size', async () => {
      const client = await connect();

      expect(client.capabilities.identifierFields).toEqual([
        expect.objectContaining({
          field: 'email',
          entityKeys: ['email'],
          hashed: false,
        }),
        expect.objectContaining({
          field: 'phone',
          entityKeys: ['phone'],
          hashed: false,
        }),
        expect.objectContaining({
          field: 'user_id',
          entityKeys: ['user_id'],
          hashed: false,
        }),
        expect.objectContaining({
          field: 'device_id',
          entityKeys: ['device_id'],
          hashed: false,
        }),
      ]);
      expect(client.capabilities.additionalFields).toBe('any');
      expect(client.capabilities.supportsAudienceSyncs).toBe(true);
      expect(client.capabilities.canCreateObjects).toBe(false);
      expect(client.capabilities.canReadMembers).toBe(false);
      expect(client.createObject).toBeUndefined();
      expect(client.capabilities.batchSize).toBe(500);
    });

    it('is not offered for audience syncs when the endpoint takes no lists', async () => {
      const client = await connect({ acceptsAudiences: false });
      expect(client.capabilities.supportsAudienceSyncs).toBe(false);
    });

    it('takes the batch size from the settings', async () => {
      const client = await connect({ batchSize: 25 });
      expect(client.capabilities.batchSize).toBe(25);
    });

    it('keeps four batches in flight unless the settings say otherwise', async () => {
      expect((await connect()).capabilities.concurrentBatches).toBe(4);
      const client = await connect({ concurrentBatches: 1 });
      expect(client.capabilities.concurrentBatches).toBe(1);
      await expect(connect({ concurrentBatches: 0 })).rejects.toThrow(
        'concurrentBatches: must be a whole number from 1 to 16',
      );
    });

    it('offers a single default object when none is configured', async () => {
      const client = await connect();
      await expect(client.listObjects()).resolves.toEqual([
        { id: 'default', name: 'Default' },
      ]);
    });

    it('offers the configured objects', async () => {
      const objects = [
        { id: 'vip', name: 'VIP customers' },
        { id: 'churn-risk', name: 'Churn risk' },
      ];
      const client = await connect({ objects });
      await expect(client.listObjects()).resolves.toEqual(objects);
    });
  });

  describe('connect', () => {
    it('refuses a url that is not http(s)', async () => {
      const error = await connectError({
        url: 'ftp://example.com/hook',
        signingSecret: SECRET,
      });
      expect(error.message).toMatch(/^url: /);
      expect(error.message).toContain('ftp://example.com/hook');
      expect(error.message).not.toContain(SECRET);
    });

    it.each(['http://', 'example.com/hook', 'mailto:team@example.com'])(
      'refuses the url %p, which names no host',
      async url => {
        const error = await connectError({ url, signingSecret: SECRET });
        expect(error.message).toMatch(/^url: /);
      },
    );

    it.each([0, -5, 600_001, 1.5])('refuses timeoutMs %p', async timeoutMs => {
      const error = await connectError({
        url: 'http://127.0.0.1/hook',
        signingSecret: SECRET,
        timeoutMs,
      });
      expect(error.message).toMatch(/^timeoutMs: must be a whole number/);
    });

    it.each([0, -1, 10001, 2.5])('refuses batchSize %p', async batchSize => {
      const error = await connectError({
        url: baseUrl,
        signingSecret: SECRET,
        batchSize,
      });
      expect(error.message).toMatch(/^batchSize: /);
      expect(error.message).not.toContain(SECRET);
    });

    it('accepts the batch size bounds', async () => {
      await expect(connect({ batchSize: 1 })).resolves.toBeDefined();
      await expect(connect({ batchSize: 10000 })).resolves.toBeDefined();
    });

    it('refuses settings without a signingSecret, naming the setting', async () => {
      const error = await connectError({ url: baseUrl });
      expect(error.message).toContain('signingSecret');
    });

    it.each([
      ['a short one', 'whsec-too-short-0123456789'],
      ['31 bytes', 'x'.repeat(31)],
    ])(
      'refuses a signingSecret of %s, naming the setting and not the secret',
      async (_what, signingSecret) => {
        const error = await connectError({ url: baseUrl, signingSecret });
        expect(error.message).toMatch(
          /^signingSecret: must be at least 32 bytes/,
        );
        expect(error.message).not.toContain(signingSecret);
      },
    );

    it('accepts a signingSecret of 32 bytes', async () => {
      await expect(
        connect({ signingSecret: 'x'.repeat(32) }),
      ).resolves.toBeDefined();
    });

    it.each(['has space', 'x'.repeat(65), 'new\nline', 'ключ'])(
      'refuses the signingKeyId %p, which cannot be a header value',
      async signingKeyId => {
        const error = await connectError({
          url: baseUrl,
          signingSecret: SECRET,
          signingKeyId,
        });
        expect(error.message).toMatch(/^signingKeyId: /);
      },
    );

    it.each([
      'http://hooks.example.com/audiences',
      'http://10.0.0.8/hook',
      'http://127.example.com/hook',
    ])(
      'refuses plain http to %p, a host beyond loopback, naming url',
      async url => {
        const error = await connectError({ url, signingSecret: SECRET });
        expect(error.message).toMatch(/^url: .* must be https/);
        expect(error.message).toContain('allowInsecureHttp');
        expect(error.message).not.toContain(SECRET);
      },
    );

    it.each([
      'https://hooks.example.com/audiences',
      'http://localhost:8080/hook',
      'http://127.0.0.1/hook',
      'http://127.8.9.10/hook',
      'http://[::1]:8080/hook',
    ])('accepts %p', async url => {
      await expect(connect({ url })).resolves.toBeDefined();
    });

    it('accepts plain http beyond loopback only where allowInsecureHttp is true', async () => {
      const url = 'http://hooks.internal.example/audiences';
      await expect(
        connect({ url, allowInsecureHttp: true }),
      ).resolves.toBeDefined();
      const error = await connectError({
        url,
        signingSecret: SECRET,
        allowInsecureHttp: false,
      });
      expect(error.message).toMatch(/^url: /);
    });

    it('refuses settings without a url, naming the setting', async () => {
      const error = await connectError({ signingSecret: SECRET });
      expect(error.message).toContain('url');
      expect(error.message).not.toContain(SECRET);
    });
  });

  describe('prepare', () => {
    const member = (keys: AudienceMember['keys']): AudienceMember => ({
      memberKey: 'member-1',
      keys,
      fields: { lifetime_value: 1200, plan_type: 'pro', unmapped: 'x' },
    });

    it('sends the trimmed identifier and the mapped fields under their destination names', async () => {
      const client = await connect();

      const result = client.prepare(
        member({ email: '  ada@example.com \n', phone: '+15550100' }),
        target,
      );

      expect(result).toEqual({
        ok: true,
        row: {
          memberKey: 'member-1',
          identifier: 'ada@example.com',
          fields: { ltv: 1200, plan: 'pro' },
        },
      });
    });

    it('sends null for a mapped field the member lacks', async () => {
      const client = await connect();
      const result = client.prepare(
        { memberKey: 'm', keys: { email: 'a@example.com' }, fields: {} },
        target,
      );
      expect(result).toEqual({
        ok: true,
        row: {
          memberKey: 'm',
          identifier: 'a@example.com',
          fields: { ltv: null, plan: null },
        },
      });
    });

    it('uses the entity key of the identifier mapping', async () => {
      const client = await connect();
      const result = client.prepare(
        member({ email: 'a@example.com', user_id: 'u-42' }),
        {
          ...target,
          identifier: { entityKey: 'user_id', field: 'external_id' },
        },
      );
      expect(result).toMatchObject({ ok: true, row: { identifier: 'u-42' } });
    });

    it.each([
      ['missing', { phone: '+15550100' }],
      ['null', { email: null }],
      ['blank', { email: '   ' }],
    ])(
      'refuses a member whose identifier is %s',
      async (_case, keys: AudienceMember['keys']) => {
        const client = await connect();
        const result = client.prepare(member(keys), target);
        expect(result).toEqual({
          ok: false,
          code: 'missing_identifier',
          reason: expect.stringContaining('email'),
        });
      },
    );
  });

  describe('applyBatch', () => {
    it('POSTs the batch as JSON with a signature the receiver can verify', async () => {
      const client = await connect();

      const before = Math.floor(Date.now() / 1000);
      await expect(client.applyBatch(batch())).resolves.toEqual({
        rejected: [],
      });
      const after = Math.floor(Date.now() / 1000);

      expect(received).toHaveLength(1);
      const [request] = received;
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe('application/json');
      expect(JSON.parse(request.rawBody)).toEqual({
        destinationId: 'crm-webhook',
        object: { id: 'vip', name: 'VIP customers' },
        operation: 'add',
        rows: [
          {
            memberKey: 'ada@example.com',
            identifier: { field: 'contact_email', value: 'ada@example.com' },
            fields: { ltv: 1200, plan: 'pro' },
          },
          {
            memberKey: 'alan@example.com',
            identifier: { field: 'contact_email', value: 'alan@example.com' },
            fields: { ltv: 80, plan: null },
          },
        ],
      });

      const timestamp = request.headers['x-audience-syncs-timestamp'] as string;
      expect(timestamp).toMatch(/^\d+$/);
      expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
      expect(Number(timestamp)).toBeLessThanOrEqual(after);
      const deliveryId = request.headers[
        'x-audience-syncs-delivery-id'
      ] as string;
      expect(deliveryId).toMatch(/^[0-9a-f-]{36}$/);
      expect(request.headers['x-audience-syncs-key-id']).toBe('default');
      // The delivery id is signed with the body: a receiver that dedupes by it cannot be fooled by a
      // captured request sent again under a new id.
      const expected = createHmac('sha256', SECRET)
        .update(`${deliveryId}.${timestamp}.${request.rawBody}`)
        .digest('hex');
      expect(request.headers['x-audience-syncs-signature']).toBe(
        `sha256=${expected}`,
      );
      // Nothing carries the secret itself.
      expect(JSON.stringify(request.headers)).not.toContain(SECRET);
      expect(request.rawBody).not.toContain(SECRET);
    });

    it('signs with the configured secret only', async () => {
      const client = await connect({
        signingSecret: 'another-secret-of-at-least-32-bytes',
      });
      await client.applyBatch(batch());

      const [request] = received;
      const deliveryId = request.headers['x-audience-syncs-delivery-id'];
      const timestamp = request.headers['x-audience-syncs-timestamp'];
      const withTestSecret = createHmac('sha256', SECRET)
        .update(`${deliveryId}.${timestamp}.${request.rawBody}`)
        .digest('hex');
      expect(request.headers['x-audience-syncs-signature']).not.toBe(
        `sha256=${withTestSecret}`,
      );
    });

    it('names the signing secret by its signingKeyId, for a receiver that accepts several while rotating', async () => {
      const client = await connect({ signingKeyId: '2026-12' });
      await client.applyBatch(batch());
      expect(received[0].headers['x-audience-syncs-key-id']).toBe('2026-12');
    });

    it('gives each batch its own delivery id, and a retry of the same batch the same one', async () => {
      handler = respond(503)();
      const client = await connect();
      const first = batch();
      await batchError(client, first);
      await batchError(client, first);
      await batchError(client, batch());
      const ids = received.map(r => r.headers['x-audience-syncs-delivery-id']);
      expect(ids[0]).toBe(ids[1]);
      expect(ids[2]).not.toBe(ids[0]);
    });

    it('refuses a redirect: the signed batch never reaches the other host', async () => {
      const reachedElsewhere: string[] = [];
      const elsewhere = createServer((req, res) => {
        reachedElsewhere.push(req.url ?? '');
        res.writeHead(204).end();
      });
      const port = await listen(elsewhere);
      try {
        handler = respond(307, {
          location: `http://127.0.0.1:${port}/collect`,
        })();
        const client = await connect();
        const error = await batchError(client, batch({ operation: 'remove' }));
        expect(error.retryable).toBe(false);
        expect(error.message).toContain(`127.0.0.1:${port}`);
        expect(error.message).toMatch(/redirect/);
        expect(reachedElsewhere).toEqual([]);
      } finally {
        await close(elsewhere);
      }
    });

    it('POSTs to the configured url, path included', async () => {
      handler = (req, res) => {
        res.writeHead(req.url === '/hooks/audiences' ? 204 : 404).end();
      };
      const client = await connect();
      await expect(client.applyBatch(batch())).resolves.toEqual({
        rejected: [],
      });
    });

    it('sends updates with their fields', async () => {
      const client = await connect();
      await client.applyBatch(batch({ operation: 'update', rows: [rows[0]] }));

      expect(JSON.parse(received[0].rawBody)).toMatchObject({
        operation: 'update',
        rows: [
          {
            memberKey: 'ada@example.com',
            fields: { ltv: 1200, plan: 'pro' },
          },
        ],
      });
    });

    it('sends removes without fields', async () => {
      const client = await connect();
      await client.applyBatch(batch({ operation: 'remove' }));

      const body = JSON.parse(received[0].rawBody);
      expect(body.operation).toBe('remove');
      expect(body.rows).toEqual([
        {
          memberKey: 'ada@example.com',
          identifier: { field: 'contact_email', value: 'ada@example.com' },
        },
        {
          memberKey: 'alan@example.com',
          identifier: { field: 'contact_email', value: 'alan@example.com' },
        },
      ]);
    });

    it('reports the rows the receiver rejected, with defaults for what it left out', async () => {
      handler = respond(200, { 'content-type': 'application/json' })(
        JSON.stringify({
          rejected: [
            {
              memberKey: 'ada@example.com',
              code: 'invalid_email',
              message: 'Not deliverable',
              retryable: true,
            },
            { memberKey: 'alan@example.com' },
          ],
        }),
      );
      const client = await connect();

      await expect(client.applyBatch(batch())).resolves.toEqual({
        rejected: [
          {
            memberKey: 'ada@example.com',
            code: 'invalid_email',
            message: 'Not deliverable',
            retryable: true,
          },
          {
            memberKey: 'alan@example.com',
            code: 'rejected',
            message: 'Rejected by the webhook',
            retryable: false,
          },
        ],
      });
    });

    it('uses the defaults for rejection details of the wrong type', async () => {
      handler = respond(200)(
        JSON.stringify({
          rejected: [
            {
              memberKey: 'ada@example.com',
              code: 42,
              message: { text: 'no' },
              retryable: 'yes',
            },
            { code: 'no_member_key' },
          ],
        }),
      );
      const client = await connect();

      await expect(client.applyBatch(batch())).resolves.toEqual({
        rejected: [
          {
            memberKey: 'ada@example.com',
            code: 'rejected',
            message: 'Rejected by the webhook',
            retryable: false,
          },
        ],
      });
    });

    it('treats an empty 204 as every row applied', async () => {
      handler = respond(204)();
      const client = await connect();
      await expect(client.applyBatch(batch())).resolves.toEqual({
        rejected: [],
      });
    });

    it.each([
      ['plain text', 'OK'],
      ['JSON null', 'null'],
      ['an object without rejections', '{"accepted":2}'],
      ['a rejected value that is not a list', '{"rejected":{"memberKey":"x"}}'],
      ['rejections that are not objects', '{"rejected":[null,"x",3]}'],
    ])('treats a 200 with %s as every row applied', async (_case, body) => {
      handler = respond(200)(body);
      const client = await connect();
      await expect(client.applyBatch(batch())).resolves.toEqual({
        rejected: [],
      });
    });

    it('turns 429 with Retry-After seconds into a throttled, retryable error', async () => {
      handler = respond(429, { 'retry-after': '3' })();
      const client = await connect();

      const error = await batchError(client);
      expect(error).toMatchObject({
        code: 'throttled',
        throttled: true,
        retryable: true,
        retryAfterMs: 3000,
      });
    });

    it('reads a Retry-After HTTP date on 429', async () => {
      const retryAt = new Date(Date.now() + 10_000).toUTCString();
      handler = respond(429, { 'retry-after': retryAt })();
      const client = await connect();

      const error = await batchError(client);
      expect(error.throttled).toBe(true);
      expect(error.retryable).toBe(true);
      // HTTP dates have whole seconds, so up to a second is lost to rounding.
      expect(error.retryAfterMs).toBeGreaterThan(8_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(10_000);
    });

    it('leaves retryAfterMs unset on 429 without Retry-After', async () => {
      handler = respond(429)();
      const client = await connect();

      const error = await batchError(client);
      expect(error.throttled).toBe(true);
      expect(error.retryAfterMs).toBeUndefined();
    });

    it('turns a 503 into a retryable error that is not throttling', async () => {
      handler = respond(503)('upstream is down');
      const client = await connect();

      const error = await batchError(client);
      expect(error).toMatchObject({
        code: 'http_503',
        retryable: true,
        throttled: false,
      });
      expect(error.message).toContain('503');
      expect(error.message).toContain('upstream is down');
    });

    it.each([401, 403])(
      'turns a %p into a non-retryable error pointing at signingSecret',
      async status => {
        handler = respond(status)('bad signature');
        const client = await connect();

        const error = await batchError(client);
        expect(error).toMatchObject({
          code: 'unauthorized',
          retryable: false,
          throttled: false,
        });
        expect(error.message).toContain('signingSecret');
        expect(error.message).toContain(String(status));
      },
    );

    it('turns a 400 into a non-retryable error carrying the receiver detail', async () => {
      handler = respond(400)('unknown object vip');
      const client = await connect();

      const error = await batchError(client);
      expect(error).toMatchObject({
        code: 'http_400',
        retryable: false,
        throttled: false,
      });
      expect(error.message).toContain('unknown object vip');
    });

    it('keeps the secret out of errors even when the receiver echoes the request', async () => {
      handler = (_req, res, request) => {
        res
          .writeHead(400)
          .end(
            JSON.stringify({ headers: request.headers, body: request.rawBody }),
          );
      };
      const client = await connect();

      const error = await batchError(client);
      expect(error.retryable).toBe(false);
      expect(String(error.cause ?? '')).not.toContain(SECRET);
    });

    it('turns a refused connection into a retryable network error', async () => {
      const closed = createServer();
      const port = await listen(closed);
      await close(closed);
      const client = await connect({ url: `http://127.0.0.1:${port}/hook` });

      const error = await batchError(client);
      expect(error).toMatchObject({
        code: 'network_error',
        retryable: true,
        throttled: false,
      });
    });

    it('gives up on a receiver that never answers after timeoutMs, as a retryable error', async () => {
      handler = () => {};
      const client = await connect({ timeoutMs: 200 });

      const started = Date.now();
      const error = await batchError(client);
      const elapsed = Date.now() - started;

      expect(error.retryable).toBe(true);
      // Reported like every connector's time-out, apart from an unreachable receiver.
      expect(error.code).toBe('timeout');
      expect(elapsed).toBeGreaterThanOrEqual(150);
      expect(elapsed).toBeLessThan(1000);
      expect(received).toHaveLength(1);
    });

    it('gives up on a receiver that stalls in the middle of its answer, as a retryable error', async () => {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"rejected":[');
      };
      const client = await connect({ timeoutMs: 200 });

      const started = Date.now();
      const error = await batchError(client);

      expect(error.retryable).toBe(true);
      expect(error.code).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('stops the request when the signal is aborted', async () => {
      handler = () => {};
      const client = await connect();
      const controller = new AbortController();

      const pending = batchError(client, batch({ signal: controller.signal }));
      for (let i = 0; i < 200 && received.length === 0; i++) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      expect(received).toHaveLength(1);
      const started = Date.now();
      controller.abort();

      const error = await pending;
      expect(Date.now() - started).toBeLessThan(1000);
      // Cancelled by the caller: not a destination failure to retry.
      expect(error).toMatchObject({ code: 'aborted', retryable: false });
      // The receiver sees the client go away.
      await closedResponses[0];
    });

    it('sends nothing when the signal is already aborted', async () => {
      const client = await connect();
      const controller = new AbortController();
      controller.abort();

      const error = await batchError(
        client,
        batch({ signal: controller.signal }),
      );
      expect(error).toMatchObject({ code: 'aborted', retryable: false });
      expect(received).toHaveLength(0);
    });
  });
});
