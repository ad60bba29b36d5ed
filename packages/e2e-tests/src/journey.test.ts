import { Browser, Page } from 'playwright-core';
import { brokenWords } from './browser/brokenWords';
import {
  launchBrowser,
  screenshot,
  signedInPage,
} from './browser/launchBrowser';
import { audienceMembers } from './oracle/audienceMembers';
import { emulatorMembers } from './oracle/emulatorMembers';
import { hashedEmails } from './oracle/hashedEmails';
import { SyncBuilder } from './pages/SyncBuilder';
import { SyncDetailPage } from './pages/SyncDetailPage';
import {
  eventually,
  FRONTEND_URL,
  getJson,
  postJson,
} from './portal/backendApi';
import { RunningPortal, startPortal } from './portal/startPortal';

jest.setTimeout(10 * 60_000);

const FACEBOOK_EMULATOR = 'http://127.0.0.1:7101';
const AUDIENCE = 'Newsletter Subscribers';
const FACEBOOK = 'Facebook Ads (demo ad account)';
const NEW_CUSTOM_AUDIENCE = 'E2E Newsletter';

/**
 * Creating, running, editing, pausing and deleting syncs as a person does in the browser: the portal started with the README's start command on
 * the embedded defaults (fresh data folder), the demo emulators as destinations. Steps share the page and the
 * sync they create, in order.
 */
describe("a user's journey in the portal", () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;
  let builder: SyncBuilder;
  let detail: SyncDetailPage;
  let syncPath: string;
  let expectedMembers: string[];
  const syncStatus = async () =>
    (await getJson(`/api/audience-syncs/syncs/${syncPath.split('/').pop()}`))
      .status;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    page = await signedInPage(browser);
    builder = new SyncBuilder(page);
    detail = new SyncDetailPage(page);
    expectedMembers = hashedEmails(
      await audienceMembers(portal.dataDir, 'newsletter-subscribers'),
    );
  });

  afterEach(async () => {
    // The page as each step left it: the artifact to look at when a step fails.
    const step = expect.getState().currentTestName ?? 'step';
    await screenshot(page, `after-${step.replace(/\W+/g, '-').slice(-60)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('lands on the Segment home after sign-in', async () => {
    await page.waitForURL('**/segment');
    await page.getByRole('heading', { name: 'Segment' }).waitFor();
    await page.getByText('Every sync is running as scheduled.').waitFor();
    const audiences = page.getByRole('table', { name: 'Audiences' });
    await audiences.getByText(AUDIENCE).waitFor();
    expect(await page.getByText('404').count()).toBe(0);
    await screenshot(page, 'home');
  });

  it('opens Segment > Audience Syncs and starts the builder', async () => {
    await page.getByRole('link', { name: 'Audience Syncs' }).click();
    await page.getByText('No audience syncs yet').waitFor();
    await screenshot(page, 'list-empty');
    await page
      .getByRole('button', { name: /Create Audience Sync/ })
      .first()
      .click();
    await page.waitForURL('**/create/templates/default/create-audience-sync');
    await page.getByText('Search by name').waitFor();
    expect(new URL(page.url()).pathname).toBe(
      '/create/templates/default/create-audience-sync',
    );
  });

  it('walks every builder step and saves', async () => {
    const count = expectedMembers.length.toLocaleString('en-US');
    const options = await builder.searchAudiences('News');
    await expect(options.innerText()).resolves.toMatch(
      new RegExp(`${AUDIENCE}\\s+users · ${count} members · last evaluated`),
    );
    await options.getByRole('option', { name: new RegExp(AUDIENCE) }).click();
    await builder.next('Destination and object', 'builder-audience');

    await builder.chooseDestination(FACEBOOK, { create: NEW_CUSTOM_AUDIENCE });
    await builder.next('How membership changes reach', 'builder-destination');

    await expect(
      page.getByRole('radio', { name: /^Mirror/ }).isChecked(),
    ).resolves.toBe(true);
    await builder.next('Identifier mapping', 'builder-mode');

    await builder.chooseIdentifier(/^email → Email/);
    await page.getByText(/SHA-256 hashed before sending/).waitFor();
    await builder.next('Field mappings', 'builder-identifier');

    await page.getByText(/takes identifiers only/).waitFor();
    await builder.next('Next runs', 'builder-fields');

    await expect(builder.scheduleSelect.inputValue()).resolves.toBe('daily');
    await expect(builder.nextRuns().count()).resolves.toBe(5);
    await expect(
      page
        .getByRole('checkbox', { name: /Run the first sync now/ })
        .isChecked(),
    ).resolves.toBe(true);
    await builder.next('Ready to create', 'builder-schedule');

    const review = await page.locator('form').innerText();
    expect(review).toContain(`${AUDIENCE} · ${count} members (users)`);
    expect(review).toContain(`new: ${NEW_CUSTOM_AUDIENCE}`);
    expect(review).toMatch(/Mirror: Add new members, remove departed members/);
    expect(review).toMatch(/email → Email, normalized and SHA-256 hashed/);
    expect(review).toMatch(/Daily at 00:00 \(UTC\)/);
    await builder.confirmAndSave('builder-review');
    await screenshot(page, 'builder-task');
  });

  it('lands on the detail page and sees the initial run send every member', async () => {
    await builder.openSyncLink.click();
    await page.waitForURL('**/audience-syncs/*');
    syncPath = new URL(page.url()).pathname;
    const [initial] = await detail.finishedRuns(1);
    expect(initial).toEqual({
      status: 'Succeeded',
      trigger: 'Initial',
      rowsSent: expectedMembers.length,
      succeeded: expectedMembers.length,
      failed: 0,
      invalid: 0,
    });
    await screenshot(page, 'detail-initial-run');
    // Times of what already happened never read "in …", right after the run as after a reload.
    const pastTimes = async () =>
      page.locator('time[data-tense="past"]').allTextContents();
    expect((await pastTimes()).length).toBeGreaterThan(0);
    expect((await pastTimes()).filter(text => /^in /.test(text))).toEqual([]);
    await page.reload();
    await page.getByRole('table', { name: 'Run history' }).waitFor();
    expect((await pastTimes()).filter(text => /^in /.test(text))).toEqual([]);
    expect(
      await emulatorMembers(FACEBOOK_EMULATOR, NEW_CUSTOM_AUDIENCE),
    ).toEqual(expectedMembers);
  });

  it('starts the builder from the audience entity page with the audience pre-selected', async () => {
    await page.goto(
      `${FRONTEND_URL}/catalog/default/resource/audience-newsletter-subscribers`,
    );
    const card = page.locator('article, [class*="MuiCard-root"]', {
      hasText: 'Create Sync',
    });
    await card.getByText(`${AUDIENCE} → Facebook Ads`).first().waitFor();
    await screenshot(page, 'audience-entity-page');
    await page
      .getByRole('button', { name: 'Create Sync' })
      .or(page.getByRole('link', { name: 'Create Sync' }))
      .first()
      .click();
    await page.waitForURL(
      '**/create/templates/default/create-audience-sync?**',
    );
    expect(new URL(page.url()).searchParams.get('formData')).toBe(
      JSON.stringify({ audienceId: 'newsletter-subscribers' }),
    );
    // The picker shows the audience from the URL once it has loaded the audiences.
    await eventually('the pre-selected audience', async () =>
      (await builder.audienceInput.inputValue()).startsWith(AUDIENCE)
        ? true
        : undefined,
    );
    await screenshot(page, 'builder-preselected');
  });

  it('edits mode and schedule without starting a run, then runs the diff now', async () => {
    await page.goto(`${FRONTEND_URL}${syncPath}`);
    await detail.button('Edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: /^Additive/ }).check();
    await dialog
      .getByRole('combobox', { name: 'Schedule' })
      .selectOption('weekly');
    // The preview of the next run, asked of the server before anything is saved.
    await dialog.getByText('What the next run would do if you save').waitFor();
    await screenshot(page, 'edit-dialog');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByText('Additive: Only add new members, never remove')
      .waitFor();
    // Saving does not start a run: give the dispatcher (every 5 s) a chance to prove it wrong.
    await page.waitForTimeout(7_000);
    expect(await detail.runs()).toHaveLength(1);

    await detail.button('Run now').click();
    const [diff] = await detail.finishedRuns(2);
    expect(diff).toMatchObject({
      status: 'Succeeded',
      trigger: 'Manual',
      rowsSent: 0,
    });
    await screenshot(page, 'detail-diff-run');
  });

  it('shows a run started elsewhere as it happens, through signals', async () => {
    // No run is in progress, so the page does not poll: only a signal can tell it about this run.
    const runsRead: string[] = [];
    page.on('request', request => {
      if (/\/api\/audience-syncs\/syncs\/[^/]+\/runs\?/.test(request.url())) {
        runsRead.push(request.url());
      }
    });
    const syncId = syncPath.split('/').pop();
    const run = await postJson(`/api/audience-syncs/syncs/${syncId}/run`, {});
    const [latest] = await detail.finishedRuns(3);
    expect(latest).toMatchObject({ status: 'Succeeded', trigger: 'Manual' });
    expect(runsRead.length).toBeGreaterThan(0);
    expect(
      (await getJson(`/api/audience-syncs/syncs/${syncId}/runs/${run.id}`))
        .status,
    ).toBe('succeeded');
  });

  it('pauses and resumes the sync', async () => {
    await detail.button('Pause').click();
    await detail.button('Resume').waitFor();
    await page
      .getByText(/Paused/)
      .first()
      .waitFor();
    expect(await syncStatus()).toBe('paused');
    await detail.button('Resume').click();
    await detail.button('Pause').waitFor();
    expect(await syncStatus()).toBe('active');
  });

  it('deletes the sync and leaves the members in the destination', async () => {
    await detail.button('Delete').click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(/does not remove members from the destination/)
      .waitFor();
    await screenshot(page, 'delete-confirmation');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No audience syncs yet').waitFor();
    expect(
      await emulatorMembers(FACEBOOK_EMULATOR, NEW_CUSTOM_AUDIENCE),
    ).toEqual(expectedMembers);
  });

  it('refuses an empty audience and a destination without audience support', async () => {
    await page.goto(
      `${FRONTEND_URL}/create/templates/default/create-audience-sync`,
    );
    const options = await builder.searchAudiences('Antarctica');
    const empty = options.getByRole('option', {
      name: /Enterprise Trials in Antarctica/,
    });
    await expect(empty.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(empty.innerText()).resolves.toMatch(
      /has no members; a sync needs at least one/,
    );
    await screenshot(page, 'builder-empty-audience-refused');

    await builder.chooseAudience(AUDIENCE);
    await builder.next('Destination and object');
    const eventsOnly = builder.destinationSelect.locator('option', {
      hasText: 'Product Analytics',
    });
    await expect(eventsOnly.isDisabled()).resolves.toBe(true);
    await expect(eventsOnly.innerText()).resolves.toMatch(
      /does not support audience syncs/,
    );
  });

  describe('a sync to every other vendor type, through the builder', () => {
    const AUDIENCE_OF_EACH = 'High Value Customers';
    let memberCount: number;

    beforeAll(async () => {
      memberCount = (
        await audienceMembers(portal.dataDir, 'high-value-customers')
      ).length;
    });

    it.each([
      'Marketing Webhook',
      'Google Ads (demo account)',
      'Salesforce (demo org)',
      'HubSpot (demo portal)',
      'Braze (demo workspace)',
      'Mailchimp (demo audience)',
      'Warehouse Table (activation database)',
    ])('%s: created, opened, initial run finished', async destination => {
      await page.goto(
        `${FRONTEND_URL}/create/templates/default/create-audience-sync`,
      );
      await builder.chooseAudience(AUDIENCE_OF_EACH);
      await builder.next('Destination and object');
      await builder.destinationSelect.selectOption({ label: destination });
      const existing = await builder.firstExistingObject();
      await builder.chooseDestination(
        destination,
        existing ? { existing } : { create: `E2E ${AUDIENCE_OF_EACH}` },
      );
      await builder.next('How membership changes reach');
      await builder.next('Identifier mapping');
      const email = page.getByRole('radio', { name: /^email →/ });
      await ((await email.count())
        ? email
        : builder.identifierChoices().first()
      ).check();
      await builder.next('Field mappings');
      if (destination.startsWith('HubSpot')) {
        // HubSpot's properties are offered by label; the sync saves the property's name.
        await builder.mapField(
          'lifetime_value (trait)',
          'Lifetime Value (USD) — lifetime_value_usd (number)',
        );
      }
      await builder.next('Next runs');
      await builder.next('Ready to create');
      await builder.confirmAndSave();
      await builder.openSyncLink.click();
      await page.waitForURL('**/audience-syncs/*');

      const [initial] = await detail.finishedRuns(1);
      await screenshot(page, `vendor-${destination.split(' ')[0]}`);
      expect(initial).toMatchObject({ trigger: 'Initial', failed: 0 });
      // Members without a usable identifier are counted invalid, never sent, and the status says so.
      expect(initial.succeeded + initial.invalid).toBe(memberCount);
      expect(initial.status).toBe(
        initial.invalid
          ? `Succeeded with ${initial.invalid.toLocaleString('en-US')} invalid`
          : 'Succeeded',
      );
      // HubSpot's mapping, picked by label, is saved by the property's name, which HubSpot took for every
      // member (it refuses unknown properties); the other syncs map no fields.
      const sync = await getJson(
        `/api/audience-syncs/syncs/${page.url().split('/').pop()}`,
      );
      expect(
        sync.fieldMappings.map(
          (m: { destinationField: string }) => m.destinationField,
        ),
      ).toEqual(
        destination.startsWith('HubSpot') ? ['lifetime_value_usd'] : [],
      );
    });
  });
  it('tells the guest of a run failed on purpose in the notifications page, linking to the sync', async () => {
    const faults = (body: object) =>
      fetch(`${FACEBOOK_EMULATOR}/__control/faults`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const destination = await getJson(
      '/api/audience-syncs/destinations/facebook-ads',
    );
    const emailField = destination.capabilities.identifierFields.find(
      (f: { entityKeys: string[] }) => f.entityKeys.includes('email'),
    ).field;
    // Created by the guest, who owns it.
    const { sync } = await postJson('/api/audience-syncs/syncs', {
      name: 'E2E failing run',
      audienceId: 'newsletter-subscribers',
      destinationId: 'facebook-ads',
      object: { create: { name: 'E2E Failing' } },
      identifier: { entityKey: 'email', field: emailField },
      schedule: { type: 'manual' },
    });
    // Every vendor request answers 5xx: the run's batches fail after their retries.
    await faults({ errorRate: 1 });
    try {
      await postJson(`/api/audience-syncs/syncs/${sync.id}/run`, {});
      await eventually(
        'the run to fail',
        async () => {
          const runs = await getJson(
            `/api/audience-syncs/syncs/${sync.id}/runs`,
          );
          return runs.items[0]?.status === 'failed' ? true : undefined;
        },
        180_000,
      );
    } finally {
      await faults({});
    }

    await page.goto(`${FRONTEND_URL}/notifications`);
    const notice = page.locator(`a[href$="/audience-syncs/${sync.id}"]`, {
      hasText: 'E2E failing run: run failed',
    });
    await eventually(
      'the notification',
      async () => {
        // The page lists what it finds once loaded; a notification sent later shows after a reload.
        if (await notice.first().isVisible()) return true;
        const shown = await notice
          .first()
          .waitFor({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          );
        if (!shown) await page.reload();
        return shown || undefined;
      },
      60_000,
    );
    await screenshot(page, 'notification-run-failed');
    await notice.first().click();
    await page.waitForURL(`**/audience-syncs/${sync.id}`);
  });

  // After the vendors' syncs, so the list and the home are full.
  describe('at common widths', () => {
    it.each([1280, 1440, 1920])(
      'fits the home, list, detail and builder pages %i px wide without breaking a word',
      async width => {
        await page.setViewportSize({ width, height: 900 });
        const { items } = await getJson('/api/audience-syncs/syncs?limit=1');
        const pages = {
          home: '/segment',
          list: '/audience-syncs',
          detail: `/audience-syncs/${items[0].id}`,
          builder: '/create/templates/default/create-audience-sync',
        };
        const broken: Record<string, string[]> = {};
        for (const [name, path] of Object.entries(pages)) {
          await page.goto(`${FRONTEND_URL}${path}`);
          await page.getByRole('heading').first().waitFor();
          await page.waitForLoadState('networkidle');
          await screenshot(page, `${name}-${width}`);
          broken[name] = await brokenWords(page);
        }
        expect(broken).toEqual({ home: [], list: [], detail: [], builder: [] });
      },
    );
  });
});
