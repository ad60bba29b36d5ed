import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anAudience, aRun, aSync } from '../../__testUtils__/fixtures';
import {
  aSyncBackend,
  renderSyncDetailPage,
} from '../../__testUtils__/renderSyncDetailPage';

/** The InfoCard with this title. */
const card = (title: string) =>
  screen
    .getByText(title, { selector: '[class*="MuiCardHeader-title"]' })
    .closest('[class*="MuiCard-root"]') as HTMLElement;

describe('AudienceSyncDetailPage', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows the owner and the last editor by their catalog names, linked to their catalog pages', async () => {
    const api = aSyncBackend({
      syncs: [aSync({ owner: 'group:default/marketing' })],
    });
    await renderSyncDetailPage(api, 'sync-1', undefined, {
      'group:default/marketing': 'Marketing Team',
      'user:default/jane': 'Jane Doe',
    });

    const status = within(
      await screen.findByText('Current status').then(() => card('Status')),
    );
    expect(
      status.getByRole('link', { name: 'Marketing Team' }),
    ).toHaveAttribute('href', '/catalog/default/group/marketing');
    expect(status.getByRole('link', { name: 'Jane Doe' })).toHaveAttribute(
      'href',
      '/catalog/default/user/jane',
    );
    expect(
      status.queryByText('group:default/marketing'),
    ).not.toBeInTheDocument();
  });

  it('names a sync once when its name is the default one', async () => {
    const name =
      'High value customers → Salesforce production / Q1 Retention Campaign';
    await renderSyncDetailPage(aSyncBackend({ syncs: [aSync({ name })] }));

    expect(await screen.findByRole('heading', { name })).toBeInTheDocument();
    expect(screen.getAllByText(name)).toHaveLength(1);
  });

  it('shows progress while the sync loads', async () => {
    const api = aSyncBackend();
    jest.spyOn(api, 'getSync').mockReturnValue(new Promise(() => {}));
    await renderSyncDetailPage(api);

    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error when the sync cannot be loaded', async () => {
    await renderSyncDetailPage(aSyncBackend(), 'no-such-sync');

    expect(
      await screen.findByText('Error: Request failed with 404 Not Found'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run now' }),
    ).not.toBeInTheDocument();
  });

  it('shows the configuration, the current status and the run history', async () => {
    await renderSyncDetailPage(aSyncBackend());

    expect(
      await screen.findByRole('heading', { name: 'High value → Q1 retention' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'High value customers → Salesforce production / Q1 Retention Campaign',
      ),
    ).toBeInTheDocument();

    const configuration = within(card('Configuration'));
    expect(
      configuration.getByText('High value customers · 12,345 members (users)'),
    ).toBeInTheDocument();
    expect(
      configuration.getByText('Salesforce production'),
    ).toBeInTheDocument();
    expect(configuration.getByText('Campaign')).toBeInTheDocument();
    expect(
      configuration.getByText('Q1 Retention Campaign'),
    ).toBeInTheDocument();
    expect(
      configuration.getByText(
        'Mirror: Add new members, remove departed members',
      ),
    ).toBeInTheDocument();
    expect(configuration.getByText('email → Email')).toBeInTheDocument();
    expect(
      configuration.getByText('lifetime_value (trait) → Customer Value'),
    ).toBeInTheDocument();
    expect(configuration.getByText('Daily at 00:00 (UTC)')).toBeInTheDocument();
    expect(configuration.queryByRole('alert')).not.toBeInTheDocument();

    const status = within(card('Status'));
    expect(status.getByText('Active')).toBeInTheDocument();
    expect(
      status.getByLabelText(/./, {
        selector: 'time[datetime="2026-11-30T00:05:00.000Z"]',
      }),
    ).toBeInTheDocument();
    expect(
      status.getByLabelText(/./, {
        selector: 'time[datetime="2026-12-01T00:00:00.000Z"]',
      }),
    ).toBeInTheDocument();

    const history = within(
      await screen.findByRole('table', { name: 'Run history' }),
    );
    const row = within(history.getByText('#1').closest('tr') as HTMLElement);
    expect(row.getByText('Succeeded with 1 invalid')).toBeInTheDocument();
    expect(row.getByText('Scheduled')).toBeInTheDocument();
    expect(row.getByText('4 min, 59 sec')).toBeInTheDocument();
    expect(row.getByText('150')).toBeInTheDocument();
    expect(row.getByText('147')).toBeInTheDocument();
    expect(row.getByText('2')).toBeInTheDocument();
    expect(row.getByText('1')).toBeInTheDocument();
  });

  it("warns when the sync runs more often than the audience's evaluation", async () => {
    await renderSyncDetailPage(
      aSyncBackend({
        syncs: [aSync({ schedule: { type: 'hourly' } })],
        audiences: [anAudience({ evaluationSchedule: { type: 'daily' } })],
      }),
    );

    expect(
      await screen.findByText(
        'This sync runs more often (hourly (UTC)) than the audience is evaluated (daily at 00:00 (UTC)): runs between evaluations will find no new members. Choose the same frequency or slower.',
      ),
    ).toBeInTheDocument();
  });

  it("shows a sync that runs after each evaluation following the audience's schedule, next run at its next evaluation", async () => {
    await renderSyncDetailPage(
      aSyncBackend({
        syncs: [
          aSync({ schedule: { type: 'after_evaluation' }, nextRunAt: null }),
        ],
        audiences: [anAudience({ evaluationSchedule: { type: 'hourly' } })],
      }),
    );

    const configuration = within(
      await screen
        .findByText('Configuration')
        .then(() => card('Configuration')),
    );
    expect(
      configuration.getByText('After each evaluation of the audience'),
    ).toBeInTheDocument();
    // The due time is a relative time of its own, inside the line.
    expect(configuration.getByText(/^Next run:/).textContent).toMatch(
      /^Next run: after the audience's next evaluation, due in \d+ minutes?$/,
    );
    expect(
      configuration.getByText(
        "This sync follows the audience's evaluation schedule (hourly (UTC)): it runs once after each evaluation that brings a new snapshot.",
      ),
    ).toBeInTheDocument();
    expect(
      within(card('Status')).getByText("After the audience's next evaluation"),
    ).toBeInTheDocument();
  });

  it('warns that a sync following an audience evaluated by hand runs only when someone evaluates it', async () => {
    await renderSyncDetailPage(
      aSyncBackend({
        syncs: [
          aSync({ schedule: { type: 'after_evaluation' }, nextRunAt: null }),
        ],
        audiences: [anAudience({ evaluationSchedule: { type: 'manual' } })],
      }),
    );

    expect(
      await screen.findByText(
        'This sync runs after each evaluation of the audience, but the audience is only evaluated by hand: the sync runs only when someone evaluates it.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Next run: after the audience is next evaluated (by hand)',
      ),
    ).toBeInTheDocument();
  });

  it('expands a run to its error summary and error sample', async () => {
    const api = aSyncBackend({
      runs: [aRun({ status: 'partial', error: '2 rows were rejected' })],
      runErrors: {
        1: [
          {
            memberKey: 'cust-42',
            operation: 'add',
            code: 'INVALID_EMAIL',
            message: 'Email is not valid',
            retryable: false,
          },
        ],
      },
    });
    const getRun = jest.spyOn(api, 'getRun');
    await renderSyncDetailPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Show errors of run #1' }),
    );
    const errors = within(
      await screen.findByRole('table', { name: 'Errors of run #1 by reason' }),
    );
    expect(getRun).toHaveBeenCalledWith('sync-1', 1);
    expect(screen.getByText('2 rows were rejected')).toBeInTheDocument();
    expect(errors.getByText('Not a valid email address')).toBeInTheDocument();
    expect(errors.getByText('INVALID_EMAIL')).toBeInTheDocument();
    await userEvent.click(
      errors.getByRole('button', { name: 'Show rows of INVALID_EMAIL' }),
    );
    const sample = within(
      screen.getByRole('table', {
        name: 'Sample rows of INVALID_EMAIL in run #1',
      }),
    );
    expect(sample.getByText('cust-42')).toBeInTheDocument();
    expect(sample.getByText('Email is not valid')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Hide errors of run #1' }),
    );
    expect(
      screen.queryByRole('table', { name: 'Errors of run #1 by reason' }),
    ).not.toBeInTheDocument();
  });

  it('shows the progress of a running run live and stops polling when it ends', async () => {
    jest.useFakeTimers();
    const running = aRun({
      id: 2,
      trigger: 'manual',
      status: 'running',
      planned: { adds: 80, removes: 20, updates: 0 },
      sent: 40,
      succeeded: 38,
      failed: 1,
      invalid: 1,
      finishedAt: null,
      durationMs: null,
    });
    const api = aSyncBackend({ runs: [running, aRun()] });
    const listRuns = jest.spyOn(api, 'listRuns');
    const getSync = jest.spyOn(api, 'getSync');
    await renderSyncDetailPage(api);

    const progress = await screen.findByRole('status', {
      name: 'Progress of run #2',
    });
    expect(
      within(progress).getByText(/40 of 100 planned rows processed \(40%\)/),
    ).toBeInTheDocument();

    api.updateRun({ ...running, sent: 70, succeeded: 68 });
    await act(async () => {
      jest.advanceTimersByTime(2000);
    });
    expect(
      await screen.findByText(/70 of 100 planned rows processed \(70%\)/),
    ).toBeInTheDocument();

    api.updateRun({
      ...running,
      status: 'succeeded',
      sent: 100,
      succeeded: 98,
      finishedAt: '2026-11-30T00:06:00.000Z',
      durationMs: 61_000,
    });
    await act(async () => {
      jest.advanceTimersByTime(2000);
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('status', { name: 'Progress of run #2' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('1 min, 1 sec')).toBeInTheDocument();
    // The finished run changed the sync, so the page read it again.
    expect(getSync).toHaveBeenCalledTimes(2);

    const calls = listRuns.mock.calls.length;
    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(listRuns).toHaveBeenCalledTimes(calls);
  });

  it('says a run that skipped invalid members succeeded with a warning, not plainly', async () => {
    const skipped = aRun({ id: 3, sent: 884, succeeded: 884, invalid: 116 });
    await renderSyncDetailPage(
      aSyncBackend({ runs: [skipped, aRun({ id: 2, invalid: 0 })] }),
    );

    const history = await screen.findByRole('table', { name: 'Run history' });
    const row = within(history).getByRole('row', { name: /#3/ });
    expect(
      within(row).getByText('Succeeded with 116 invalid'),
    ).toBeInTheDocument();
    const clean = within(history).getByRole('row', { name: /#2/ });
    expect(within(clean).getByText('Succeeded')).toBeInTheDocument();
  });

  it('still shows the sync when its audience cannot be loaded', async () => {
    await renderSyncDetailPage(aSyncBackend({ audiences: [] }));

    expect(
      await screen.findByText(
        "high-value-customers (could not be loaded: No audience 'high-value-customers')",
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run now' })).toBeEnabled();
  });
});
