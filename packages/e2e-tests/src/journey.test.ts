import { Browser, Page } from 'playwright-core';
import {
  launchBrowser,
  screenshot,
  signedInPage,
} from './browser/launchBrowser';
import { RunningPortal, startPortal } from './portal/startPortal';

jest.setTimeout(10 * 60_000);

describe("the guide's journey in the portal", () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    page = await signedInPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('opens Segment > Audience Syncs', async () => {
    await page.getByRole('link', { name: 'Audience Syncs' }).click();
    await page.getByRole('heading', { name: 'Audience Syncs' }).waitFor();
    await screenshot(page, 'audience-syncs-list');
  });
});
