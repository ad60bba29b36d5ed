import { Locator, Page } from 'playwright-core';
import { screenshot } from '../browser/launchBrowser';

export type ObjectChoice = { existing: string } | { create: string };

/** The "Create Audience Sync" template, driven the way a person fills it in, one page at a time. */
export class SyncBuilder {
  constructor(private readonly page: Page) {}

  /** The audience search field of the first page. */
  get audienceInput(): Locator {
    return this.page.getByRole('textbox', { name: 'Audience' });
  }

  /** The options the audience search offers for `query`. */
  async searchAudiences(query: string): Promise<Locator> {
    await this.audienceInput.click();
    await this.audienceInput.fill(query);
    const options = this.page.getByRole('listbox');
    await options.getByRole('option').first().waitFor();
    return options;
  }

  async chooseAudience(name: string) {
    const options = await this.searchAudiences(name.split(' ')[0]);
    await options.getByRole('option', { name: new RegExp(name) }).click();
  }

  get destinationSelect(): Locator {
    return this.page.getByRole('combobox', { name: /^Destination/ });
  }

  async chooseDestination(label: string, object: ObjectChoice) {
    await this.destinationSelect.selectOption({ label });
    // The object list is named after the destination's object label (Custom Audience, List, Campaign…).
    const objects = this.page.locator('select').nth(1);
    await objects.locator('option').nth(1).waitFor({ state: 'attached' });
    if ('existing' in object) {
      await objects.selectOption({ label: object.existing });
    } else {
      const create = objects.locator('option', { hasText: /^Create a new/ });
      await objects.selectOption({ label: (await create.textContent())! });
      await this.page
        .getByRole('textbox', { name: /^Name of the new/ })
        .fill(object.create);
    }
  }

  /** The first existing object the destination offers, or undefined when it has none. */
  async firstExistingObject(): Promise<string | undefined> {
    const objects = this.page.locator('select').nth(1);
    await objects.locator('option').nth(1).waitFor({ state: 'attached' });
    const labels = await objects.locator('option').allTextContents();
    return labels.find(l => l && !/^(Choose|Create a new)/.test(l));
  }

  async chooseMode(mode: 'Mirror' | 'Additive' | 'Subtractive') {
    await this.page
      .getByRole('radio', { name: new RegExp(`^${mode}`) })
      .check();
  }

  /** Picks the identifier radio whose label matches, e.g. /^email → Email/. */
  async chooseIdentifier(label: RegExp) {
    await this.page.getByRole('radio', { name: label }).check();
  }

  identifierChoices(): Locator {
    return this.page.getByRole('radio');
  }

  /** Adds a field mapping row and picks its source and destination field by the labels the builder shows. */
  async mapField(source: string, destinationField: string) {
    await this.page.getByRole('button', { name: 'Add field mapping' }).click();
    const row = await this.page.getByLabel(/^Source field \d+$/).count();
    await this.page
      .getByLabel(`Source field ${row}`)
      .selectOption({ label: source });
    await this.page
      .getByLabel(`Destination field ${row}`)
      .selectOption({ label: destinationField });
  }

  get scheduleSelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Schedule' });
  }

  nextRuns(): Locator {
    return this.page
      .getByRole('list', { name: 'Next runs' })
      .getByRole('listitem');
  }

  /** "Next" (validation runs first; the next page's title confirms it moved on). */
  async next(nextPageText: string | RegExp, name?: string) {
    if (name) await screenshot(this.page, name);
    await this.page.getByRole('button', { name: 'Next' }).click();
    await this.page.getByText(nextPageText).first().waitFor();
  }

  /** From the Review page: Confirm, then Save on the confirmation; resolves when the task has finished. */
  async confirmAndSave(name?: string) {
    if (name) await screenshot(this.page, name);
    await this.page.getByRole('button', { name: 'Confirm' }).click();
    await this.page.getByRole('button', { name: 'Save' }).click();
    await this.openSyncLink.waitFor({ timeout: 60_000 });
  }

  get openSyncLink(): Locator {
    return this.page.getByRole('link', { name: /Open audience sync/ });
  }
}
