import { Locator, Page } from 'playwright-core';
import { eventually } from '../portal/backendApi';

export interface RunRow {
  status: string;
  trigger: string;
  rowsSent: number;
  succeeded: number;
  failed: number;
  invalid: number;
}

/** A sync's detail page: its configuration, status, actions and run history. */
export class SyncDetailPage {
  constructor(private readonly page: Page) {}

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** The run history, newest first, read from the table's cells. */
  async runs(): Promise<RunRow[]> {
    const table = this.page.getByRole('table', { name: 'Run history' });
    await table.waitFor();
    const rows = await table.locator('tbody > tr').all();
    const runs: RunRow[] = [];
    for (const row of rows) {
      const cells = await row.locator('td').allInnerTexts();
      // Expanded error samples are rows of their own, with one wide cell.
      if (cells.length < 10) continue;
      const count = (i: number) => Number(cells[i].replace(/[^0-9]/g, ''));
      runs.push({
        status: cells[2].trim(),
        trigger: cells[3].trim(),
        rowsSent: count(6),
        succeeded: count(7),
        failed: count(8),
        invalid: count(9),
      });
    }
    return runs;
  }

  /** Waits until the page shows `count` runs and the newest has finished (the page polls while one runs). */
  async finishedRuns(count: number): Promise<RunRow[]> {
    return eventually(
      `${count} finished runs on the detail page`,
      async () => {
        const runs = await this.runs();
        const done =
          runs.length === count &&
          !['Queued', 'Running'].includes(runs[0].status);
        return done ? runs : undefined;
      },
      120_000,
    );
  }
}
