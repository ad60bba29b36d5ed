import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aDestination, aRun } from '../../__testUtils__/fixtures';
import {
  aSyncBackend,
  renderSyncDetailPage,
} from '../../__testUtils__/renderSyncDetailPage';

/** A destination that reads its members back, as HubSpot, Mailchimp, Salesforce and warehouse tables do. */
const readable = () => {
  const destination = aDestination();
  return {
    ...destination,
    capabilities: { ...destination.capabilities, canReadMembers: true },
  };
};

describe('AudienceSyncDetailPage verify destination', () => {
  it('queues a verify run, which the run history names', async () => {
    const api = aSyncBackend({ destinations: [readable()] });
    const verifySync = jest.spyOn(api, 'verifySync');
    await renderSyncDetailPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Verify destination' }),
    );

    expect(verifySync).toHaveBeenCalledWith('sync-1');
    expect(
      await screen.findByText(/Verify run #2 is queued: it reads/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText('Manual verify')).toBeInTheDocument(),
    );
  });

  it('shows what a verify run found: counts and a few members of each finding', async () => {
    const api = aSyncBackend({
      destinations: [readable()],
      runs: [aRun({ kind: 'verify', trigger: 'manual', sent: 0 })],
    });
    api.verifications = {
      1: {
        destinationMembers: 251,
        missing: 2,
        unowned: 3,
        stale: 0,
        samples: {
          missing: [
            { memberKey: 'u3', identifier: 'user3@example.com' },
            { memberKey: 'u4', identifier: 'user4@example.com' },
          ],
          unowned: [{ memberKey: null, identifier: 'a@stranger.com' }],
          stale: [],
        },
      },
    };
    await renderSyncDetailPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Show findings of run #1' }),
    );

    const found = await screen.findByLabelText('What the verification found');
    expect(found).toHaveTextContent('The destination holds 251 members.');
    const rows = within(found)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      [
        'Missing from the destinationsent by this sync and still in the audience, but not there',
        '2',
        'user3@example.com (u3), user4@example.com (u4)',
      ],
      [
        'Not added by this syncin the destination, never sent by this sync (by hand or by others)',
        '3',
        'a@stranger.com',
      ],
      [
        'Left the audience, still theresent by this sync, no longer in the audience',
        '0',
        '',
      ],
    ]);
  });

  it('explains why a destination that cannot read back cannot be verified', async () => {
    await renderSyncDetailPage(aSyncBackend());

    const button = await screen.findByRole('button', {
      name: 'Verify destination',
    });
    expect(button).toBeDisabled();
  });

  it('asks before a repair, saying it never removes members the sync did not add, then queues it', async () => {
    const api = aSyncBackend({ destinations: [readable()] });
    const repairSync = jest.spyOn(api, 'repairSync');
    await renderSyncDetailPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Repair' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(
      'removes the members this sync added that left the audience (through the removal guard). Members the sync never added stay.',
    );
    expect(repairSync).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Repair' }),
    );

    expect(repairSync).toHaveBeenCalledWith('sync-1');
    expect(
      await screen.findByText(
        'Repair run #2 is queued; its progress shows below.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText('Manual repair')).toBeInTheDocument(),
    );
  });

  it("confirms a full resync with its dry run's numbers and the guard's hold", async () => {
    const api = aSyncBackend();
    api.resyncPlan = {
      ...api.resyncPlan,
      audienceMembers: 25_886,
      adds: 25_886,
      removes: 1_204,
      heldForApproval:
        'Held for approval: this run would remove 1,204 of 1,204 members (100%), more than the 10% the removal guard allows. Approve it to send the removals.',
    };
    const resyncSync = jest.spyOn(api, 'resyncSync');
    await renderSyncDetailPage(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Full resync' }),
    );
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(dialog).toHaveTextContent(
        'sends all 25,886 members again; the destination takes members it already holds without duplicating them. It removes the 1,204 members this sync added that left the audience. Members the sync never added stay.',
      ),
    );
    expect(dialog).toHaveTextContent(
      /Held for approval: this run would remove 1,204/,
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resync' }),
    );

    expect(resyncSync).toHaveBeenCalledWith('sync-1');
    await waitFor(() =>
      expect(screen.getByText('Manual full resync')).toBeInTheDocument(),
    );
  });
});
