import { act, screen, waitFor } from '@testing-library/react';
import { aRun } from '../../__testUtils__/fixtures';
import { FakeSignalApi } from '../../__testUtils__/FakeSignalApi';
import {
  aSyncBackend,
  renderSyncDetailPage,
} from '../../__testUtils__/renderSyncDetailPage';

const running = aRun({
  id: 2,
  trigger: 'manual',
  status: 'running',
  planned: { adds: 80, removes: 20, updates: 0 },
  sent: 40,
  succeeded: 40,
  failed: 0,
  invalid: 0,
  finishedAt: null,
  durationMs: null,
});

describe('AudienceSyncDetailPage with signals', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('follows a running run by its signals and never polls', async () => {
    jest.useFakeTimers();
    const api = aSyncBackend({ runs: [running, aRun()] });
    const listRuns = jest.spyOn(api, 'listRuns');
    const getSync = jest.spyOn(api, 'getSync');
    const signals = new FakeSignalApi();
    await renderSyncDetailPage(api, 'sync-1', undefined, {}, signals);
    await screen.findByText(/40 of 100 planned rows processed \(40%\)/);
    expect(
      screen.getByText('Updating live while a run is in progress'),
    ).toBeInTheDocument();

    // Time alone brings nothing: the page waits for the backend to say something changed.
    const calls = listRuns.mock.calls.length;
    api.updateRun({ ...running, sent: 70, succeeded: 70 });
    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    expect(listRuns).toHaveBeenCalledTimes(calls);
    expect(screen.getByText(/40 of 100 planned rows/)).toBeInTheDocument();

    // Another sync's run is none of this page's business.
    act(() =>
      signals.publish({ syncId: 'sync-9', runId: 7, change: 'run-progress' }),
    );
    expect(listRuns).toHaveBeenCalledTimes(calls);

    act(() =>
      signals.publish({ syncId: 'sync-1', runId: 2, change: 'run-progress' }),
    );
    expect(
      await screen.findByText(/70 of 100 planned rows processed \(70%\)/),
    ).toBeInTheDocument();

    api.updateRun({
      ...running,
      status: 'succeeded',
      sent: 100,
      succeeded: 100,
      finishedAt: '2026-11-30T00:06:00.000Z',
      durationMs: 61_000,
    });
    act(() =>
      signals.publish({ syncId: 'sync-1', runId: 2, change: 'run-finished' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('status', { name: 'Progress of run #2' }),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('1 min, 1 sec')).toBeInTheDocument();
    // The finished run changed the sync, so the page read it again.
    await waitFor(() => expect(getSync).toHaveBeenCalledTimes(2));
  });

  it('shows a pause made elsewhere when it is signalled', async () => {
    const api = aSyncBackend();
    const signals = new FakeSignalApi();
    await renderSyncDetailPage(api, 'sync-1', undefined, {}, signals);
    await screen.findByRole('button', { name: 'Pause' });

    await api.pauseSync('sync-1');
    act(() => signals.publish({ syncId: 'sync-1', change: 'updated' }));

    expect(
      await screen.findByRole('button', { name: 'Resume' }),
    ).toBeInTheDocument();
  });
});
