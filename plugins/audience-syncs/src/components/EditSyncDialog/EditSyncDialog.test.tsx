import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aDestination, anAudience, aSync } from '../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../__testUtils__/FakeAudienceSyncsApi';
import {
  problemsError,
  responseError,
} from '../../__testUtils__/responseError';
import { audienceSyncsApiRef } from '../../api';
import { EditSyncDialog } from './EditSyncDialog';

const sync = aSync();
const audience = anAudience();
const destination = aDestination();

function setup() {
  const api = new FakeAudienceSyncsApi({
    audiences: [audience],
    destinations: [destination],
    syncs: [sync],
    objects: {
      'salesforce-prod': [
        { id: 'cmp-q1', name: 'Q1 Retention Campaign' },
        { id: 'cmp-q2', name: 'Q2 Winback Campaign' },
      ],
    },
  });
  const updateSync = jest.spyOn(api, 'updateSync');
  const onClose = jest.fn();
  const onSaved = jest.fn();
  const onDenied = jest.fn();
  const onReloaded = jest.fn();
  const render = () =>
    renderInTestApp(
      <TestApiProvider apis={[[audienceSyncsApiRef, api]]}>
        <EditSyncDialog
          open
          sync={sync}
          audience={audience}
          destination={destination}
          onClose={onClose}
          onSaved={onSaved}
          onDenied={onDenied}
          onReloaded={onReloaded}
        />
      </TestApiProvider>,
    );
  return { api, updateSync, onClose, onSaved, onDenied, onReloaded, render };
}

const save = () =>
  userEvent.click(screen.getByRole('button', { name: 'Save' }));

describe('EditSyncDialog', () => {
  it('says that saving does not start a run, and saves nothing until a field changes', async () => {
    const { render } = setup();
    await render();

    expect(
      screen.getByText(
        'Changes take effect on the next sync run. Saving does not start a run.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('sends the changed mode and schedule (cron and time zone) and closes', async () => {
    const { render, updateSync, onSaved, onClose } = setup();
    await render();

    await userEvent.click(screen.getByRole('radio', { name: /^Additive/ }));
    await userEvent.selectOptions(screen.getByLabelText('Schedule'), 'cron');
    await userEvent.type(
      screen.getByLabelText('Cron expression'),
      '0 9 * * 1-5',
    );
    const timezone = screen.getByLabelText('Time zone');
    await userEvent.clear(timezone);
    await userEvent.type(timezone, 'Europe/Berlin');
    expect(
      screen.getByText(/At 09:00, Monday through Friday \(Europe\/Berlin\)/),
    ).toBeInTheDocument();
    await save();

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(updateSync).toHaveBeenCalledWith('sync-1', {
      version: 1,
      mode: 'additive',
      schedule: {
        type: 'cron',
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Berlin',
      },
    });
    expect(onSaved).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'sync-1', mode: 'additive' }),
    );
  });

  it('sends the field mappings after one is added', async () => {
    const { render, updateSync } = setup();
    await render();

    await userEvent.click(
      screen.getByRole('button', { name: 'Add field mapping' }),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Source field 2'),
      'attribute:plan_type',
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Destination field 2'),
      'Plan__c',
    );
    await save();

    await waitFor(() =>
      expect(updateSync).toHaveBeenCalledWith('sync-1', {
        version: 1,
        fieldMappings: [
          {
            source: { kind: 'trait', name: 'lifetime_value' },
            destinationField: 'Customer_Value__c',
          },
          {
            source: { kind: 'attribute', name: 'plan_type' },
            destinationField: 'Plan__c',
          },
        ],
      }),
    );
  });

  it("offers the object's described fields by label and type, and sends the chosen field's name", async () => {
    const { api, render, updateSync } = setup();
    api.fields['salesforce-prod'] = {
      acceptsAnyField: false,
      fields: [
        {
          name: 'Customer_Value__c',
          label: 'Customer Value',
          type: 'number',
          required: false,
        },
        {
          name: 'Lifetime_Value__c',
          label: 'Lifetime Value (USD)',
          type: 'number',
          required: false,
        },
      ],
    };
    await render();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Add field mapping' }),
    );
    const field = screen.getByLabelText('Destination field 2');
    await waitFor(() =>
      expect(
        within(field)
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual([
        'Choose a field',
        'Customer Value — Customer_Value__c (number)',
        'Lifetime Value (USD) — Lifetime_Value__c (number)',
      ]),
    );
    await userEvent.selectOptions(
      field,
      'Lifetime Value (USD) — Lifetime_Value__c (number)',
    );
    await save();
    await waitFor(() =>
      expect(updateSync).toHaveBeenCalledWith('sync-1', {
        version: 1,
        fieldMappings: [
          expect.anything(),
          {
            source: { kind: 'trait', name: 'lifetime_value' },
            destinationField: 'Lifetime_Value__c',
          },
        ],
      }),
    );
  });

  it('sends an empty list when the last mapping is removed', async () => {
    const { render, updateSync } = setup();
    await render();

    await userEvent.click(
      screen.getByRole('button', { name: 'Remove field mapping 1' }),
    );
    await save();
    await waitFor(() =>
      expect(updateSync).toHaveBeenCalledWith('sync-1', {
        fieldMappings: [],
        version: 1,
      }),
    );
  });

  it('sends another destination object and says the sync starts over', async () => {
    const { render, updateSync } = setup();
    await render();

    const objectField = screen.getByLabelText('Campaign');
    await screen.findByRole('option', { name: 'Q2 Winback Campaign' });
    await userEvent.selectOptions(objectField, 'cmp-q2');
    expect(
      screen.getByText(/starts the sync over: its next run is an initial run/),
    ).toBeInTheDocument();
    await save();
    await waitFor(() =>
      expect(updateSync).toHaveBeenCalledWith('sync-1', {
        version: 1,
        object: { id: 'cmp-q2' },
      }),
    );
  });

  it('creates a new destination object where the destination allows it', async () => {
    const { render, updateSync } = setup();
    await render();

    await userEvent.selectOptions(
      screen.getByLabelText('Campaign'),
      'Create a new Campaign…',
    );
    await userEvent.type(
      screen.getByLabelText('Name of the new Campaign'),
      'Winter promo',
    );
    await save();
    await waitFor(() =>
      expect(updateSync).toHaveBeenCalledWith('sync-1', {
        version: 1,
        object: { create: { name: 'Winter promo' } },
      }),
    );
  });

  it('says plainly that someone else changed the sync, and reloads it to start again', async () => {
    const { api, render, updateSync, onClose, onSaved, onReloaded } = setup();
    // Someone pauses the sync after this dialog loaded it.
    await api.pauseSync('sync-1');
    await render();
    await userEvent.click(screen.getByRole('radio', { name: /^Additive/ }));
    await save();

    expect(
      await screen.findByText(
        'Someone else changed this sync while you were editing it',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /This sync was changed by user:default\/jane at 2026-11-01T09:00:00.000Z \(it is now paused\); reload it to see the changes/,
      ),
    ).toBeInTheDocument();
    expect(updateSync).toHaveBeenCalledWith('sync-1', {
      mode: 'additive',
      version: 1,
    });
    expect(onSaved).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(onReloaded).toHaveBeenCalledWith(
        expect.objectContaining({ status: 'paused', version: 2 }),
      ),
    );
    expect(
      screen.queryByText(
        'Someone else changed this sync while you were editing it',
      ),
    ).not.toBeInTheDocument();
    // The form starts again from the current sync, and a save now names its version.
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    await userEvent.click(screen.getByRole('radio', { name: /^Additive/ }));
    await save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(updateSync).toHaveBeenLastCalledWith('sync-1', {
      mode: 'additive',
      version: 2,
    });
  });

  it("shows each problem of the server's 400 next to its field and keeps the dialog open", async () => {
    const { render, updateSync, onClose, onSaved } = setup();
    updateSync.mockRejectedValueOnce(
      await problemsError([
        {
          field: 'schedule.cron',
          code: 'cron_invalid',
          message:
            "'0 0 9 * * 1' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 6; seconds are not supported)",
        },
        {
          field: 'schedule.timezone',
          code: 'timezone_invalid',
          message: "'Mars/Base' is not a known IANA time zone",
        },
        {
          field: 'fieldMappings[0].destinationField',
          code: 'field_mapping_field_unknown',
          message:
            "destination 'Salesforce production' has no field 'Customer_Value__c' (it takes Plan__c)",
        },
        {
          field: 'audienceId',
          code: 'audience_empty',
          message:
            "audience 'High value customers' has no members; a sync needs at least one",
        },
      ]),
    );
    await render();

    await userEvent.selectOptions(screen.getByLabelText('Schedule'), 'cron');
    await userEvent.type(
      screen.getByLabelText('Cron expression'),
      '0 0 9 * * 1',
    );
    const timezone = screen.getByLabelText('Time zone');
    await userEvent.clear(timezone);
    await userEvent.type(timezone, 'Mars/Base');
    await save();

    await waitFor(() =>
      expect(
        screen.getByLabelText('Cron expression'),
      ).toHaveAccessibleDescription(
        "'0 0 9 * * 1' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 6; seconds are not supported)",
      ),
    );
    expect(screen.getByLabelText('Time zone')).toHaveAccessibleDescription(
      "'Mars/Base' is not a known IANA time zone",
    );
    expect(screen.getByLabelText('Cron expression')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      screen.getByLabelText('Destination field 1'),
    ).toHaveAccessibleDescription(
      "destination 'Salesforce production' has no field 'Customer_Value__c' (it takes Plan__c)",
    );
    const general = screen
      .getByText('The sync was not saved')
      .closest('[role="alert"]') as HTMLElement;
    expect(
      within(general).getByText(
        "audienceId: audience 'High value customers' has no members; a sync needs at least one",
      ),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('checks the schedule as it is typed, with the wording of the server', async () => {
    const { render } = setup();
    await render();

    await userEvent.selectOptions(screen.getByLabelText('Schedule'), 'cron');
    await userEvent.type(screen.getByLabelText('Cron expression'), '0 9 * *');
    const timezone = screen.getByLabelText('Time zone');
    await userEvent.clear(timezone);
    await userEvent.type(timezone, 'Mars/Base');

    expect(
      screen.getByLabelText('Cron expression'),
    ).toHaveAccessibleDescription(
      "'0 9 * *' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 4)",
    );
    expect(screen.getByLabelText('Time zone')).toHaveAccessibleDescription(
      "'Mars/Base' is not a known IANA time zone",
    );
  });

  it('once a save was refused, checks each edit of the field mappings and drops the server problems it changed', async () => {
    const { render, updateSync } = setup();
    updateSync.mockRejectedValueOnce(
      await problemsError([
        {
          field: 'audienceId',
          code: 'audience_empty',
          message:
            "audience 'High value customers' has no members; a sync needs at least one",
        },
      ]),
    );
    await render();

    await userEvent.click(
      screen.getByRole('button', { name: 'Add field mapping' }),
    );
    // A new row is not flagged while it is being filled in.
    expect(screen.getByLabelText('Destination field 2')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Destination field 2'),
      'Customer_Value__c',
    );
    await save();

    await waitFor(() =>
      expect(
        screen.getByLabelText('Destination field 2'),
      ).toHaveAccessibleDescription(
        "'Customer_Value__c' is already mapped in row 1",
      ),
    );
    expect(
      screen.getByText(
        "audienceId: audience 'High value customers' has no members; a sync needs at least one",
      ),
    ).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByLabelText('Destination field 2'),
      'Plan__c',
    );
    expect(screen.getByLabelText('Destination field 2')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(
      screen.queryByText('The sync was not saved'),
    ).not.toBeInTheDocument();
  });

  it("sends the sync's own removal guard, shows the server's limit next to its field, and clears it back to the defaults", async () => {
    const { render, updateSync, onClose } = setup();
    updateSync.mockRejectedValueOnce(
      await problemsError([
        {
          field: 'removalGuard.maxShare',
          code: 'too_big',
          message: 'must be at most 0.5 (50%), the most this backend allows',
        },
      ]),
    );
    await render();

    const share = screen.getByLabelText(
      'Largest share removed without approval (%)',
    );
    await userEvent.type(share, '80');
    await userEvent.type(
      screen.getByLabelText('Removals always allowed'),
      '40',
    );
    await save();

    await waitFor(() =>
      expect(share).toHaveAccessibleDescription(
        'must be at most 0.5 (50%), the most this backend allows',
      ),
    );
    expect(updateSync).toHaveBeenLastCalledWith('sync-1', {
      removalGuard: { maxShare: 0.8, minRemovals: 40 },
      version: 1,
    });
    expect(onClose).not.toHaveBeenCalled();

    await userEvent.clear(share);
    await userEvent.type(share, '35');
    await save();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(updateSync).toHaveBeenLastCalledWith('sync-1', {
      removalGuard: { maxShare: 0.35, minRemovals: 40 },
      version: 1,
    });
  });

  it("sends the sync's own alert thresholds and shows the server's problem next to its field", async () => {
    const { render, updateSync, onClose } = setup();
    updateSync.mockRejectedValueOnce(
      await problemsError([
        {
          field: 'alerts.rowCountSwing',
          code: 'too_big',
          message: 'Number must be less than or equal to 1',
        },
      ]),
    );
    await render();

    const invalid = screen.getByLabelText('Invalid members above (%)');
    const swing = screen.getByLabelText('Audience size change above (%)');
    expect(invalid).toHaveValue(null);
    await userEvent.type(invalid, '10');
    await userEvent.type(swing, '150');
    await save();

    await waitFor(() =>
      expect(swing).toHaveAccessibleDescription(
        'Number must be less than or equal to 1',
      ),
    );
    expect(updateSync).toHaveBeenLastCalledWith('sync-1', {
      alerts: { invalidShare: 0.1, rowCountSwing: 1.5 },
      version: 1,
    });

    await userEvent.clear(swing);
    await save();
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(updateSync).toHaveBeenLastCalledWith('sync-1', {
      alerts: { invalidShare: 0.1 },
      version: 1,
    });
  });

  it("switches to running after each evaluation, saying it follows the audience's evaluation schedule", async () => {
    const { render, updateSync, onClose } = setup();
    await render();

    await userEvent.selectOptions(
      screen.getByLabelText('Schedule'),
      'After each evaluation of the audience',
    );
    expect(
      screen.getByText(
        "This sync follows the audience's evaluation schedule (daily at 00:00 (UTC)): it runs once after each evaluation that brings a new snapshot.",
      ),
    ).toBeVisible();
    expect(screen.queryByLabelText('Time zone')).not.toBeInTheDocument();
    await save();

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(updateSync).toHaveBeenCalledWith('sync-1', {
      version: 1,
      schedule: { type: 'after_evaluation' },
    });
  });

  it('shows the warnings the server returned after saving', async () => {
    const { api, render, onSaved, onClose } = setup();
    api.updateWarnings = [
      'This sync runs more often (hourly (UTC)) than the audience is evaluated (daily at 00:00 (UTC)): runs between evaluations will find no new members. Choose the same frequency or slower.',
    ];
    await render();

    await userEvent.selectOptions(screen.getByLabelText('Schedule'), 'hourly');
    // The same warning is shown while choosing, from the audience's evaluation schedule.
    expect(
      screen.getByText(/runs between evaluations will find no new members/),
    ).toBeInTheDocument();
    await save();

    expect(
      await screen.findByText(
        'Saved. The changes take effect on the next run; saving did not start one.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/This sync runs more often \(hourly \(UTC\)\)/),
    ).toBeInTheDocument();
    expect(onSaved).toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('reports a 403 as a denied permission and closes', async () => {
    const { render, updateSync, onDenied, onClose } = setup();
    updateSync.mockRejectedValueOnce(
      await responseError(
        403,
        'NotAllowedError',
        "Not allowed to audience-sync.update audience sync 'sync-1'",
      ),
    );
    await render();

    await userEvent.click(screen.getByRole('radio', { name: /^Subtractive/ }));
    await save();
    await waitFor(() =>
      expect(onDenied).toHaveBeenCalledWith(
        "Not allowed to audience-sync.update audience sync 'sync-1'",
      ),
    );
    expect(onClose).toHaveBeenCalled();
  });
});
