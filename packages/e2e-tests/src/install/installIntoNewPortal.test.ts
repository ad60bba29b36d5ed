import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { Browser } from 'playwright-core';
import {
  RunningEmulator,
  startWebhookSinkEmulator,
} from '@internal/destination-emulators';
import { launchBrowser } from '../browser/launchBrowser';
import {
  BACKEND_URL,
  eventually,
  FRONTEND_URL,
  getJson,
  postJson,
  waitForPortalReady,
} from '../portal/backendApi';
import { REPO_ROOT, stopGroup } from '../portal/startPortal';
import { createPortal } from './createPortal';
import { packTarballs } from './packTarballs';

jest.setTimeout(40 * 60_000);

const ARTIFACTS_DIR = join(REPO_ROOT, 'test-results', 'install');
const SIGNING_SECRET = 'install-test-signing-secret-0123456789';
/** 300 subscribers; every third is on the Pro plan and has opted in: 100 members. */
const SUBSCRIBERS = 300;
const expectedEmails = Array.from({ length: SUBSCRIBERS }, (_, i) => i + 1)
  .filter(i => i % 3 === 0)
  .map(i => `user${i}@example.com`)
  .sort();

/** What the install guide tells a platform owner to add to app-config.yaml, pointed at this test's fixtures. */
function appConfig(warehouseFile: string, webhookUrl: string): string {
  return `audienceSyncs:
  warehouse:
    client: better-sqlite3
    connection:
      filename: ${warehouseFile}
  audiences:
    - id: pro-subscribers
      name: Pro Subscribers
      description: Subscribers on the Pro plan who opted in to email.
      entityType: users
      owner: group:default/marketing
      memberKey: user_id
      entityKeys: [email, user_id]
      attributes: [plan_type]
      evaluationSchedule: { type: hourly }
      sql: SELECT id AS user_id, email, plan_type FROM subscribers WHERE email_opt_in = 1
  destinations:
    - id: crm-webhook
      type: webhook
      name: CRM Webhook
      owner: group:default/marketing
      settings:
        url: ${webhookUrl}
        signingSecret: ${SIGNING_SECRET}
        objects:
          - id: newsletter
            name: Newsletter
`;
}

async function writeWarehouse(file: string): Promise<void> {
  const warehouse = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await warehouse.schema.createTable('subscribers', table => {
    table.text('id');
    table.text('email');
    table.text('plan_type');
    table.boolean('email_opt_in');
  });
  const rows = Array.from({ length: SUBSCRIBERS }, (_, index) => {
    const i = index + 1;
    return {
      id: `s${i}`,
      email: `user${i}@example.com`,
      plan_type: i % 3 === 0 ? 'pro' : 'free',
      email_opt_in: i % 3 === 0,
    };
  });
  await warehouse.batchInsert('subscribers', rows, 100);
  await warehouse.destroy();
}

/** `yarn start` in the new portal, as its own README says; output to test-results/install/portal.log. */
async function startNewPortal(dir: string): Promise<ChildProcess> {
  const { NODE_ENV, JEST_WORKER_ID, ...env } = process.env;
  const child = spawn('yarn', ['start'], {
    cwd: dir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(ARTIFACTS_DIR, 'portal.log'));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', code =>
      reject(
        new Error(`The new portal exited early (code ${code}); see portal.log`),
      ),
    ),
  );
  await Promise.race([
    waitForPortalReady({ frontend: FRONTEND_URL, backend: BACKEND_URL }),
    exited,
  ]);
  return child;
}

/**
 * The install guide, followed in a portal made by create-app: the packages packed as they would be
 * published, installed with the documented commands and lines only, configured with one SQL audience over
 * a small SQLite warehouse and one webhook destination, then used.
 */
describe('the plugins installed into a new portal', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'audience-syncs-install-'));
  let sink: RunningEmulator;
  let portal: ChildProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const tarballs = await packTarballs(join(workDir, 'tarballs'));
    const warehouseFile = join(workDir, 'warehouse.sqlite');
    await writeWarehouse(warehouseFile);
    sink = await startWebhookSinkEmulator({ signingSecret: SIGNING_SECRET });
    const portalDir = join(workDir, 'portal');
    await createPortal({
      dir: portalDir,
      tarballs,
      appConfig: appConfig(warehouseFile, `${sink.url}/webhook/crm`),
    });
    portal = await startNewPortal(portalDir);
  });

  afterAll(async () => {
    await browser?.close();
    if (portal) await stopGroup(portal);
    await sink?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('answers the health route', async () => {
    const res = await fetch(`${BACKEND_URL}/api/audience-syncs/health`);
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ status: 'ok' });
  });

  it('lists the audience with its member count', async () => {
    const audience = await getJson(
      '/api/audience-syncs/audiences/pro-subscribers',
    );
    expect(audience).toMatchObject({
      name: 'Pro Subscribers',
      memberCount: expectedEmails.length,
      lastEvaluation: { status: 'succeeded', error: null },
    });
  });

  it('renders the Audience Syncs page in the browser', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    page.setDefaultTimeout(120_000);
    await page.goto(`${FRONTEND_URL}/audience-syncs`);
    const enter = page.getByRole('button', { name: 'Enter' });
    await page.getByText('No audience syncs yet').or(enter).first().waitFor();
    if (await enter.isVisible()) await enter.click();
    await page.getByText('No audience syncs yet').waitFor();
    await expect(
      page.getByRole('link', { name: 'Audience Syncs' }).count(),
    ).resolves.toBeGreaterThan(0);
    await page.screenshot({
      path: join(ARTIFACTS_DIR, 'audience-syncs-page.png'),
      fullPage: true,
    });
  });

  it('runs a sync created through the API: the webhook holds exactly the audience', async () => {
    const { sync, run } = await postJson('/api/audience-syncs/syncs', {
      audienceId: 'pro-subscribers',
      destinationId: 'crm-webhook',
      object: { id: 'newsletter' },
      identifier: { entityKey: 'email', field: 'email' },
      schedule: { type: 'manual' },
      runNow: true,
    });
    const finished = await eventually(
      'the first run',
      async () => {
        const current = await getJson(
          `/api/audience-syncs/syncs/${sync.id}/runs/${run.id}`,
        );
        return ['succeeded', 'failed'].includes(current.status)
          ? current
          : undefined;
      },
      120_000,
    );
    expect(finished).toMatchObject({
      status: 'succeeded',
      sent: expectedEmails.length,
      failed: 0,
    });
    expect(sink.members('newsletter')).toEqual(expectedEmails);
  });
});
