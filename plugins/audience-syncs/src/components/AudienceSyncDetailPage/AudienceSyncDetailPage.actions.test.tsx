import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aRun, aSync } from '../../__testUtils__/fixtures';
import { responseError } from '../../__testUtils__/responseError';
import {
  aSyncBackend,
  renderSyncDetailPage,
} from '../../__testUtils__/renderSyncDetailPage';

const button = (name: string) => screen.getByRole('button', { name });

async function renderLoaded(api = aSyncBackend()) {
  await renderSyncDetailPage(api);
  await screen.findByRole('table', { name: 'Run history' });
  return api;
}

const notAllowed = (permission: string) =>
  responseError(
    403,
    'NotAllowedError',
    `Not allowed to ${permission} audience sync 'sync-1'`,
  );

describe('AudienceSyncDetailPage actions', () => {
  it('Run now queues a run and shows its progress', async () => {
    const api = aSyncBackend();
    const runSyncNow = jest.spyOn(api, 'runSyncNow');
    await renderLoaded(api);

    await userEvent.click(button('Run now'));

    expect(runSyncNow).toHaveBeenCalledWith('sync-1');
    expect(
      await screen.findByText('Run #2 is queued; its progress shows below.'),
    ).toBeInTheDocument();
    const progress = await screen.findByRole('status', {
      name: 'Progress of run #2',
    });
    expect(
      within(progress).getByText(/Manual run #2 is queued/),
    ).toBeInTheDocument();
    // Another run cannot start while this one is queued.
    expect(button('Run now')).toBeDisabled();
  });

  it('Pause stops scheduled runs and offers Resume', async () => {
    const api = aSyncBackend();
    const pauseSync = jest.spyOn(api, 'pauseSync');
    await renderLoaded(api);

    await userEvent.click(button('Pause'));

    expect(pauseSync).toHaveBeenCalledWith('sync-1');
    expect(await screen.findByRole('button', { name: 'Resume' })).toBeEnabled();
    expect(
      screen.getByText(/Paused: no scheduled runs until the sync is resumed/),
    ).toBeInTheDocument();
    expect(screen.getByText('None while paused')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Pause' }),
    ).not.toBeInTheDocument();
  });

  it('Pause cancels a held run, which then cannot be approved', async () => {
    const api = aSyncBackend({
      runs: [
        aRun({
          id: 2,
          trigger: 'manual',
          status: 'held',
          startedAt: null,
          finishedAt: null,
          durationMs: null,
          error: 'Would remove 90% of the list',
        }),
        aRun(),
      ],
    });
    await renderLoaded(api);
    expect(button('Approve run')).toBeInTheDocument();

    await userEvent.click(button('Pause'));

    expect(
      await screen.findByText(
        /Held run #2 was cancelled; it cannot be approved any more\./,
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Approve run' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('Pause cancels a queued run', async () => {
    const api = aSyncBackend({
      runs: [
        aRun({
          id: 2,
          trigger: 'manual',
          status: 'queued',
          startedAt: null,
          finishedAt: null,
          durationMs: null,
        }),
        aRun(),
      ],
    });
    await renderLoaded(api);
    expect(
      screen.getByRole('status', { name: 'Progress of run #2' }),
    ).toBeInTheDocument();

    await userEvent.click(button('Pause'));

    expect(
      await screen.findByText(/Queued run #2 was cancelled\./),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('status', { name: 'Progress of run #2' }),
      ).not.toBeInTheDocument(),
    );
    const history = within(screen.getByRole('table', { name: 'Run history' }));
    expect(
      within(history.getByText('#2').closest('tr') as HTMLElement).getByText(
        'Cancelled',
      ),
    ).toBeInTheDocument();
  });

  it('Resume restarts scheduled runs', async () => {
    const api = aSyncBackend({
      syncs: [aSync({ status: 'paused', nextRunAt: null })],
    });
    const resumeSync = jest.spyOn(api, 'resumeSync');
    await renderLoaded(api);
    expect(screen.getAllByText('Paused').length).toBeGreaterThan(0);

    await userEvent.click(button('Resume'));

    expect(resumeSync).toHaveBeenCalledWith('sync-1');
    expect(await screen.findByRole('button', { name: 'Pause' })).toBeEnabled();
    expect(screen.getByText('Active')).toBeInTheDocument();
  });

  it('Approve releases a held run, after showing why it was held', async () => {
    const api = aSyncBackend({
      runs: [
        aRun({
          id: 3,
          status: 'held',
          planned: { adds: 5, removes: 9000, updates: 0 },
          sent: 0,
          succeeded: 0,
          failed: 0,
          invalid: 0,
          startedAt: '2026-11-30T00:00:01.000Z',
          finishedAt: null,
          durationMs: null,
          error:
            'Removing 9000 of 10000 members (90%) exceeds the removal guard of 50%',
        }),
      ],
    });
    const approveRun = jest.spyOn(api, 'approveRun');
    await renderLoaded(api);

    expect(screen.getByText('Run #3 is held for approval')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Removing 9000 of 10000 members \(90%\) exceeds the removal guard of 50%/,
      ),
    ).toBeInTheDocument();
    expect(button('Run now')).toBeDisabled();

    await userEvent.click(button('Approve run'));

    expect(approveRun).toHaveBeenCalledWith('sync-1', 3);
    expect(
      await screen.findByText('Run #3 is approved and queued again.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Run #3 is held for approval'),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByRole('status', { name: 'Progress of run #3' }),
    ).toBeInTheDocument();
  });

  it('Edit saves through the dialog and shows the new configuration', async () => {
    const api = aSyncBackend();
    const updateSync = jest.spyOn(api, 'updateSync');
    await renderLoaded(api);

    await userEvent.click(button('Edit'));
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(
        'Changes take effect on the next sync run. Saving does not start a run.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(dialog.getByRole('radio', { name: /^Additive/ }));
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(updateSync).toHaveBeenCalledWith('sync-1', {
      mode: 'additive',
      version: 1,
    });
    expect(
      screen.getByText('Additive: Only add new members, never remove'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Saved. The changes take effect on the next run; saving did not start one.',
      ),
    ).toBeInTheDocument();
  });

  it('Delete asks first, says the members stay in the destination, then deletes and returns to the list', async () => {
    const api = aSyncBackend();
    const deleteSync = jest.spyOn(api, 'deleteSync');
    await renderLoaded(api);

    await userEvent.click(button('Delete'));
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByRole('heading', {
        name: 'Delete “High value → Q1 retention”?',
      }),
    ).toBeInTheDocument();
    expect(
      dialog.getByText(
        'This permanently deletes the audience sync, its schedule and its run history. It does not remove members from the destination: the members already sent stay in the Campaign “Q1 Retention Campaign” in Salesforce production. Deleting only stops future syncs.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(deleteSync).not.toHaveBeenCalled();

    await userEvent.click(button('Delete'));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Delete',
      }),
    );
    expect(deleteSync).toHaveBeenCalledWith('sync-1');
    expect(await screen.findByText('The list page')).toBeInTheDocument();
  });

  it('shows why an action failed without disabling it', async () => {
    const api = aSyncBackend();
    jest
      .spyOn(api, 'runSyncNow')
      .mockRejectedValueOnce(
        await responseError(
          409,
          'ConflictError',
          'Run 7 of this sync is already queued',
        ),
      );
    await renderLoaded(api);

    await userEvent.click(button('Run now'));

    expect(
      await screen.findByText(
        'Run now failed: Run 7 of this sync is already queued',
      ),
    ).toBeInTheDocument();
    expect(button('Run now')).toBeEnabled();
  });

  describe('when the server denies a permission', () => {
    it('disables Run now with the reason', async () => {
      const api = aSyncBackend();
      const runSyncNow = jest
        .spyOn(api, 'runSyncNow')
        .mockRejectedValue(await notAllowed('audience-sync.run'));
      await renderLoaded(api);

      await userEvent.click(button('Run now'));

      expect(
        await screen.findByText(
          "Run now was refused: Not allowed to audience-sync.run audience sync 'sync-1'",
        ),
      ).toBeInTheDocument();
      expect(button('Run now')).toBeDisabled();
      await userEvent.hover(button('Run now').parentElement!);
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        "You are not allowed to do this (audience-sync.run): Not allowed to audience-sync.run audience sync 'sync-1'",
      );
      expect(runSyncNow).toHaveBeenCalledTimes(1);
      // Other permissions are unaffected.
      expect(button('Pause')).toBeEnabled();
      expect(button('Edit')).toBeEnabled();
      expect(button('Delete')).toBeEnabled();
    });

    it('disables Pause and Edit together, as both need the update permission', async () => {
      const api = aSyncBackend();
      jest
        .spyOn(api, 'pauseSync')
        .mockRejectedValue(await notAllowed('audience-sync.update'));
      await renderLoaded(api);

      await userEvent.click(button('Pause'));

      await waitFor(() => expect(button('Pause')).toBeDisabled());
      expect(button('Edit')).toBeDisabled();
      expect(button('Run now')).toBeEnabled();
      expect(button('Delete')).toBeEnabled();
      expect(screen.getByText('Active')).toBeInTheDocument();
    });

    it('disables Edit after the dialog is refused', async () => {
      const api = aSyncBackend();
      jest
        .spyOn(api, 'updateSync')
        .mockRejectedValue(await notAllowed('audience-sync.update'));
      await renderLoaded(api);

      await userEvent.click(button('Edit'));
      const dialog = within(await screen.findByRole('dialog'));
      await userEvent.click(dialog.getByRole('radio', { name: /^Additive/ }));
      await userEvent.click(dialog.getByRole('button', { name: 'Save' }));

      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(button('Edit')).toBeDisabled();
      expect(
        screen.getByText(
          "Edit was refused: Not allowed to audience-sync.update audience sync 'sync-1'",
        ),
      ).toBeInTheDocument();
    });

    it('disables Delete after the confirmation is refused', async () => {
      const api = aSyncBackend();
      jest
        .spyOn(api, 'deleteSync')
        .mockRejectedValue(await notAllowed('audience-sync.delete'));
      await renderLoaded(api);

      await userEvent.click(button('Delete'));
      await userEvent.click(
        within(await screen.findByRole('dialog')).getByRole('button', {
          name: 'Delete',
        }),
      );

      await waitFor(() => expect(button('Delete')).toBeDisabled());
      expect(
        screen.getByText(
          "Delete was refused: Not allowed to audience-sync.delete audience sync 'sync-1'",
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText('The list page')).not.toBeInTheDocument();
    });

    it('disables Approve with the reason', async () => {
      const api = aSyncBackend({
        runs: [aRun({ id: 3, status: 'held', error: 'Too many removals' })],
      });
      jest
        .spyOn(api, 'approveRun')
        .mockRejectedValue(await notAllowed('audience-sync.approve'));
      await renderLoaded(api);

      await userEvent.click(button('Approve run'));

      await waitFor(() => expect(button('Approve run')).toBeDisabled());
      expect(
        screen.getByText('Run #3 is held for approval'),
      ).toBeInTheDocument();
    });
  });
});
