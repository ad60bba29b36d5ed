import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import {
  RunningEmulator,
  startWebhookSinkEmulator,
} from '@internal/destination-emulators';
import knexFactory, { Knex } from 'knex';

/**
 * The production smoke test: the backend started as the README's "Running in production" says, with
 * app-config.production.yaml and app-config.audiences.example.yaml, on PostgreSQL for both the plugin
 * stores and the warehouse. Its audience evaluates, a sync sends it to a webhook, and the webhook holds
 * exactly the members. Needs the PostgreSQL of scripts/postgres.sh (CI starts it; without it, the test
 * is skipped locally and fails in CI).
 */
const SERVER = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const REPO_ROOT = resolve(__dirname, '../../..');
const STARTUP_TIMEOUT_MS = 5 * 60_000;

if (!SERVER && process.env.CI) {
  throw new Error(
    'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: source scripts/postgres.sh (as .ci/run does)',
  );
}

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise(done => server.close(done));
  return port;
}

async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  log: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `Timed out waiting for ${what}${
      lastError ? ` (${lastError})` : ''
    }; the backend's last output:\n${log()}`,
  );
}

(SERVER ? describe : describe.skip)('the backend in production', () => {
  // Databases of this run only: each plugin's store, and the warehouse.
  const prefix = `smoke_${randomBytes(4).toString('hex')}_`;
  const warehouseDatabase = `${prefix}warehouse`;
  const apiToken = randomBytes(18).toString('hex');
  const signingSecret = randomBytes(18).toString('hex');
  let admin: Knex;
  let sink: RunningEmulator;
  let backend: ChildProcess | undefined;
  let backendUrl: string;
  let output = '';

  const lastOutput = () => output.split('\n').slice(-60).join('\n');

  async function api<T = any>(path: string, init: RequestInit = {}) {
    const res = await fetch(`${backendUrl}/api/audience-syncs${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${apiToken}`,
        'content-type': 'application/json',
      },
    });
    const body = await res.json();
    if (!res.ok) {
      throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
    }
    return body as T;
  }

  beforeAll(async () => {
    admin = knexFactory({ client: 'pg', connection: SERVER });
    await admin.raw(`CREATE DATABASE ${warehouseDatabase}`);
    const warehouseUrl = new URL(SERVER!);
    warehouseUrl.pathname = `/${warehouseDatabase}`;
    const warehouse = knexFactory({
      client: 'pg',
      connection: warehouseUrl.toString(),
    });
    // 1,000 subscribers; 400 have opted in and are active (even numbers, not multiples of 5).
    await warehouse.raw(`CREATE TABLE subscribers AS
      SELECT 's' || i AS id, 'user' || i || '@example.com' AS email, (i % 500)::float8 AS lifetime_value,
        CASE WHEN i % 3 = 0 THEN 'pro' ELSE 'free' END AS plan_type,
        i % 2 = 0 AS email_opt_in, i % 5 <> 0 AS is_active
      FROM generate_series(1, 1000) AS i`);
    await warehouse.destroy();

    sink = await startWebhookSinkEmulator({ signingSecret });
    const port = await freePort();
    backendUrl = `http://127.0.0.1:${port}`;
    const server = new URL(SERVER!);
    const { NODE_ENV, ...inherited } = process.env;
    backend = spawn(
      'yarn',
      [
        'start',
        'backend',
        '--config',
        join(REPO_ROOT, 'app-config.production.yaml'),
        '--config',
        join(REPO_ROOT, 'app-config.audiences.example.yaml'),
      ],
      {
        cwd: REPO_ROOT,
        detached: true,
        env: {
          ...inherited,
          POSTGRES_HOST: server.hostname,
          POSTGRES_PORT: server.port || '5432',
          POSTGRES_USER: decodeURIComponent(server.username),
          POSTGRES_PASSWORD: decodeURIComponent(server.password),
          POSTGRES_DATABASE_PREFIX: prefix,
          BACKEND_SECRET: randomBytes(24).toString('base64'),
          APP_BASE_URL: backendUrl,
          BACKEND_BASE_URL: backendUrl,
          BACKEND_PORT: String(port),
          WAREHOUSE_CONNECTION_STRING: warehouseUrl.toString(),
          AUDIENCE_SYNCS_API_TOKEN: apiToken,
          CRM_WEBHOOK_URL: `${sink.url}/webhook/crm`,
          CRM_WEBHOOK_SIGNING_SECRET: signingSecret,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer) => {
      output = `${output}${chunk}`.slice(-200_000);
    };
    backend.stdout!.on('data', collect);
    backend.stderr!.on('data', collect);

    await eventually(
      'the backend to answer',
      async () =>
        (await fetch(`${backendUrl}/api/audience-syncs/health`)).ok ||
        undefined,
      STARTUP_TIMEOUT_MS,
      lastOutput,
    );
  }, STARTUP_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    if (backend?.pid) {
      const exited = new Promise(done => backend!.once('exit', done));
      process.kill(-backend.pid, 'SIGTERM');
      const killLater = setTimeout(() => {
        try {
          process.kill(-backend!.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 15_000);
      await exited;
      clearTimeout(killLater);
    }
    await sink?.close();
    if (admin) {
      const { rows } = await admin.raw(
        'SELECT datname FROM pg_database WHERE datname LIKE ?',
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await admin.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
      }
      await admin.destroy();
    }
  }, 60_000);

  it('evaluates the audience on the warehouse and syncs its members to the webhook', async () => {
    const audience = await eventually(
      'the first evaluation',
      async () => {
        const found = await api('/audiences/active-subscribers');
        return found.lastEvaluation?.finishedAt ? found : undefined;
      },
      120_000,
      lastOutput,
    );
    expect(audience).toMatchObject({
      memberCount: 400,
      lastEvaluation: { status: 'succeeded', error: null },
    });

    const { sync, run } = await api('/syncs', {
      method: 'POST',
      body: JSON.stringify({
        audienceId: 'active-subscribers',
        destinationId: 'crm-webhook',
        object: { id: 'newsletter' },
        identifier: { entityKey: 'email', field: 'email' },
        fieldMappings: [
          {
            source: { kind: 'attribute', name: 'plan_type' },
            destinationField: 'plan',
          },
        ],
        schedule: { type: 'manual' },
        runNow: true,
      }),
    });
    const finished = await eventually(
      'the first run',
      async () => {
        const current = await api(`/syncs/${sync.id}/runs/${run.id}`);
        return ['succeeded', 'failed'].includes(current.status)
          ? current
          : undefined;
      },
      120_000,
      lastOutput,
    );

    expect(finished).toMatchObject({
      status: 'succeeded',
      sent: 400,
      succeeded: 400,
      failed: 0,
    });
    const expected = Array.from({ length: 1000 }, (_, i) => i + 1)
      .filter(i => i % 2 === 0 && i % 5 !== 0)
      .map(i => `user${i}@example.com`)
      .sort();
    expect(sink.members('newsletter')).toEqual(expected);
  }, 300_000);

  it("offers the sync operations to the portal's actions", async () => {
    const listed = await api('/.backstage/actions/v1/actions');
    expect(listed.actions.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining([
        'audience-syncs:list-syncs',
        'audience-syncs:run-sync',
      ]),
    );

    const { output: page } = await api(
      '/.backstage/actions/v1/actions/audience-syncs:list-syncs/invoke',
      {
        method: 'POST',
        body: JSON.stringify({ audienceId: 'active-subscribers' }),
      },
    );
    expect(page.items).toEqual([
      expect.objectContaining({
        destinationId: 'crm-webhook',
        status: 'active',
      }),
    ]);
  });
});
