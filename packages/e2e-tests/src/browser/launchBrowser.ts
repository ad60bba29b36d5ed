import { Browser, chromium, Page } from 'playwright-core';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from '../portal/startPortal';
import { FRONTEND_URL } from '../portal/backendApi';

/** Debian's Chromium, headless; no browser is downloaded. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page signed in as the guest user, the way a person enters the embedded portal. */
export async function signedInPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  page.setDefaultTimeout(30_000);
  await page.goto(FRONTEND_URL);
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in once the sidebar shows; the first load after start can take a while to compile.
  await page
    .getByRole('link', { name: 'Audience Syncs' })
    .waitFor({ timeout: 120_000 });
  return page;
}

let shot = 0;

/** Saves a numbered full-page screenshot under test-results/e2e as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  const file = `${String(shot).padStart(2, '0')}-${name}.png`;
  await page.screenshot({ path: join(ARTIFACTS_DIR, file), fullPage: true });
}
