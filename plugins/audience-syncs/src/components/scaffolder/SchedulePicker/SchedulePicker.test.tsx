import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Schedule } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { renderBuilderField } from '../../../__testUtils__/renderBuilderField';
import { SchedulePicker } from './SchedulePicker';

function render(value?: Schedule) {
  // The audience is evaluated daily.
  const api = new FakeAudienceSyncsApi({ audiences: [anAudience()] });
  return renderBuilderField(SchedulePicker, {
    api,
    value,
    form: { audienceId: 'high-value-customers' },
  });
}

const scheduleSelect = () => screen.getByLabelText('Schedule');
const nextRuns = () =>
  within(screen.getByRole('list', { name: 'Next runs' })).getAllByRole(
    'listitem',
  );

describe('SchedulePicker', () => {
  it.each([
    ['no value', undefined],
    // The scaffolder's form starts an object field at `{}`.
    ['an empty object', {} as Schedule],
  ])(
    'starts at daily from %s, says what it is best for and previews the next five runs',
    async (_, value) => {
      const { onChange } = await render(value);

      expect(scheduleSelect()).toHaveValue('daily');
      expect(onChange).toHaveBeenCalledWith({ type: 'daily' });
      expect(
        screen.getByText(
          'Best for: Standard activation cadence for most marketing campaigns',
        ),
      ).toBeVisible();
      expect(screen.getByText('Daily at 00:00 (UTC)')).toBeVisible();
      expect(nextRuns()).toHaveLength(5);
    },
  );

  it('offers the schedule presets, each with what it is best for', async () => {
    const { onChange } = await render({ type: 'daily' });

    expect(
      within(scheduleSelect())
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'Manual',
      'Every 15 minutes',
      'Hourly',
      'Daily',
      'Weekly',
      'Custom cron',
      'After each evaluation of the audience',
    ]);
    await userEvent.selectOptions(scheduleSelect(), 'manual');
    expect(onChange).toHaveBeenLastCalledWith({ type: 'manual' });
    expect(
      screen.getByText('Best for: One-time syncs or testing'),
    ).toBeVisible();
    expect(
      screen.queryByRole('list', { name: 'Next runs' }),
    ).not.toBeInTheDocument();
  });

  it('describes a custom cron in its time zone and lists its next runs', async () => {
    const { onChange } = await render({ type: 'daily' });

    await userEvent.selectOptions(scheduleSelect(), 'cron');
    expect(
      screen.getByText(
        'Best for: Specific timing needs (e.g., every weekday at 9 AM)',
      ),
    ).toBeVisible();
    await userEvent.type(
      screen.getByLabelText('Cron expression'),
      '0 9 * * 1-5',
    );
    await userEvent.type(screen.getByLabelText('Time zone'), 'Europe/Berlin');

    expect(
      screen.getByText('At 09:00, Monday through Friday (Europe/Berlin)'),
    ).toBeVisible();
    const runs = nextRuns();
    expect(runs).toHaveLength(5);
    for (const run of runs) {
      expect(run).toHaveTextContent(/^(Mon|Tue|Wed|Thu|Fri)/);
    }
    expect(onChange).toHaveBeenLastCalledWith({
      type: 'cron',
      cron: '0 9 * * 1-5',
      timezone: 'Europe/Berlin',
    });
  });

  it('shows an unreadable cron expression and an unknown time zone as field errors', async () => {
    await render({ type: 'cron', cron: '0 9 * *', timezone: 'Mars/Base' });

    expect(
      screen.getByLabelText('Cron expression'),
    ).toHaveAccessibleDescription(
      "'0 9 * *' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 4)",
    );
    expect(screen.getByLabelText('Time zone')).toHaveAccessibleDescription(
      "'Mars/Base' is not a known IANA time zone",
    );
    expect(
      screen.queryByRole('list', { name: 'Next runs' }),
    ).not.toBeInTheDocument();
  });

  it("warns when the sync would run more often than the audience's evaluation", async () => {
    await render({ type: 'daily' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await userEvent.selectOptions(scheduleSelect(), 'hourly');

    expect(
      await screen.findByText(
        'This sync runs more often (hourly (UTC)) than the audience is evaluated (daily at 00:00 (UTC)): runs between evaluations will find no new members. Choose the same frequency or slower.',
      ),
    ).toBeVisible();
  });

  it("offers running after each evaluation beside the presets, and says it follows the audience's evaluation schedule", async () => {
    const { onChange } = await render({
      type: 'daily',
      timezone: 'Europe/Berlin',
    });
    const options = within(scheduleSelect())
      .getAllByRole('option')
      .map(option => option.textContent);
    // After the time-based presets, in the same list.
    expect(options.slice(-2)).toEqual([
      'Custom cron',
      'After each evaluation of the audience',
    ]);

    await userEvent.selectOptions(
      scheduleSelect(),
      'After each evaluation of the audience',
    );

    expect(
      await screen.findByText(
        "This sync follows the audience's evaluation schedule (daily at 00:00 (UTC)): it runs once after each evaluation that brings a new snapshot.",
      ),
    ).toBeVisible();
    // It has no times of its own: no time zone to choose and no run times to preview.
    expect(screen.queryByLabelText('Time zone')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Next runs' }),
    ).not.toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith({ type: 'after_evaluation' });
  });
});
