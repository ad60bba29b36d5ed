import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aRun, aSync } from '../../__testUtils__/fixtures';
import { FakePermissionApi } from '../../__testUtils__/FakePermissionApi';
import {
  aSyncBackend,
  renderSyncDetailPage,
} from '../../__testUtils__/renderSyncDetailPage';

const button = (name: string) => screen.getByRole('button', { name });

/**
 * The detail page of a held run's sync with `denied` permissions. Each test uses its own sync id: the
 * permission hook caches decisions per permission and resource for the whole test file.
 */
async function renderDenied(syncId: string, denied: string[]) {
  const api = aSyncBackend({
    syncs: [aSync({ id: syncId })],
    runs: [aRun({ id: 3, syncId, status: 'held', error: 'Too many removals' })],
  });
  const mutations = [
    jest.spyOn(api, 'runSyncNow'),
    jest.spyOn(api, 'pauseSync'),
    jest.spyOn(api, 'resumeSync'),
    jest.spyOn(api, 'updateSync'),
    jest.spyOn(api, 'deleteSync'),
    jest.spyOn(api, 'approveRun'),
  ];
  const permissions = new FakePermissionApi(denied);
  await renderSyncDetailPage(api, syncId, permissions);
  await screen.findByRole('table', { name: 'Run history' });
  return { mutations, permissions };
}

async function expectTooltip(name: string, text: string) {
  await userEvent.hover(button(name).parentElement!);
  await waitFor(() =>
    expect(screen.getByRole('tooltip')).toHaveTextContent(text),
  );
  await userEvent.unhover(button(name).parentElement!);
}

describe('AudienceSyncDetailPage permissions', () => {
  it('asks for each action permission on the sync', async () => {
    const { permissions } = await renderDenied('sync-asks', []);

    expect(
      permissions.requests.map(r => [r.permission.name, r.resourceRef]),
    ).toEqual(
      expect.arrayContaining([
        ['audience-sync.run', 'sync-asks'],
        ['audience-sync.update', 'sync-asks'],
        ['audience-sync.delete', 'sync-asks'],
        ['audience-sync.approve', 'sync-asks'],
      ]),
    );
  });

  it('enables every action when all are allowed', async () => {
    await renderDenied('sync-allowed', []);

    await screen.findByRole('button', { name: 'Pause' });
    expect(button('Pause')).toBeEnabled();
    expect(button('Edit')).toBeEnabled();
    expect(button('Delete')).toBeEnabled();
    expect(button('Approve run')).toBeEnabled();
    // Run now waits for the held run, not for a permission.
    expect(button('Run now')).toBeDisabled();
  });

  it('enables Run now when the run permission is allowed', async () => {
    const api = aSyncBackend({
      syncs: [aSync({ id: 'sync-run-ok' })],
      runs: [aRun({ syncId: 'sync-run-ok' })],
    });
    await renderSyncDetailPage(api, 'sync-run-ok', new FakePermissionApi());
    await screen.findByRole('table', { name: 'Run history' });

    expect(button('Run now')).toBeEnabled();
  });

  it('disables Run now before anything is sent when the run permission is denied', async () => {
    const api = aSyncBackend({
      syncs: [aSync({ id: 'sync-no-run' })],
      runs: [aRun({ syncId: 'sync-no-run' })],
    });
    const runSyncNow = jest.spyOn(api, 'runSyncNow');
    await renderSyncDetailPage(
      api,
      'sync-no-run',
      new FakePermissionApi(['audience-sync.run']),
    );
    await screen.findByRole('table', { name: 'Run history' });

    expect(button('Run now')).toBeDisabled();
    await expectTooltip(
      'Run now',
      'You do not have permission to run this audience sync',
    );
    expect(button('Pause')).toBeEnabled();
    expect(runSyncNow).not.toHaveBeenCalled();
  });

  it('disables Pause and Edit when the update permission is denied', async () => {
    const { mutations } = await renderDenied('sync-no-update', [
      'audience-sync.update',
    ]);

    expect(button('Pause')).toBeDisabled();
    expect(button('Edit')).toBeDisabled();
    await expectTooltip(
      'Edit',
      'You do not have permission to change this audience sync (pause, resume or edit)',
    );
    expect(button('Delete')).toBeEnabled();
    expect(button('Approve run')).toBeEnabled();
    for (const mutation of mutations) expect(mutation).not.toHaveBeenCalled();
  });

  it('disables Resume when the update permission is denied', async () => {
    const api = aSyncBackend({
      syncs: [aSync({ id: 'sync-paused', status: 'paused', nextRunAt: null })],
      runs: [aRun({ syncId: 'sync-paused' })],
    });
    await renderSyncDetailPage(
      api,
      'sync-paused',
      new FakePermissionApi(['audience-sync.update']),
    );
    await screen.findByRole('table', { name: 'Run history' });

    expect(button('Resume')).toBeDisabled();
  });

  it('disables Delete when the delete permission is denied', async () => {
    const { mutations } = await renderDenied('sync-no-delete', [
      'audience-sync.delete',
    ]);

    expect(button('Delete')).toBeDisabled();
    await expectTooltip(
      'Delete',
      'You do not have permission to delete this audience sync',
    );
    expect(button('Edit')).toBeEnabled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    for (const mutation of mutations) expect(mutation).not.toHaveBeenCalled();
  });

  it('disables Approve run when the approve permission is denied', async () => {
    const { mutations } = await renderDenied('sync-no-approve', [
      'audience-sync.approve',
    ]);

    expect(button('Approve run')).toBeDisabled();
    await expectTooltip(
      'Approve run',
      'You do not have permission to approve runs of this audience sync',
    );
    expect(button('Pause')).toBeEnabled();
    for (const mutation of mutations) expect(mutation).not.toHaveBeenCalled();
  });
});
