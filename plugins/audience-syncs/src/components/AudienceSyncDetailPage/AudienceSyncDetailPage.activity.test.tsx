import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SyncActivity } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  aSyncBackend,
  renderSyncDetailPage,
} from '../../__testUtils__/renderSyncDetailPage';
import { ACTIVITY_SHOWN } from './SyncActivityCard';

const created: SyncActivity = {
  id: 1,
  syncId: 'sync-1',
  at: new Date(Date.now() - 3 * 24 * 3600_000).toISOString(),
  actor: 'user:default/jane',
  action: 'created',
  changes: null,
  runId: null,
};

const activityList = () => screen.findByRole('list', { name: 'Sync activity' });

describe('AudienceSyncDetailPage activity', () => {
  it('shows who did what to the sync, newest first, with what an edit changed', async () => {
    const api = aSyncBackend({
      activity: [
        {
          ...created,
          id: 2,
          at: new Date(Date.now() - 3600_000).toISOString(),
          actor: 'user:default/bo',
          action: 'edited',
          changes: [{ field: 'mode', from: 'additive', to: 'mirror' }],
        },
        created,
      ],
    });
    await renderSyncDetailPage(api);

    const items = within(await activityList()).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'bo changed mode (Additive → Mirror)1 hour ago',
      'jane created the sync3 days ago',
    ]);
  });

  it('adds what the user just did: pause, resume, run now', async () => {
    const api = aSyncBackend({ activity: [created] });
    await renderSyncDetailPage(api);
    await activityList();

    // What each entry says, without its time (the new ones are seconds old).
    const said = () =>
      within(screen.getByRole('list', { name: 'Sync activity' }))
        .getAllByRole('listitem')
        .map(item =>
          item.textContent?.replace(
            item.querySelector('time')?.textContent ?? '',
            '',
          ),
        );
    const saysFirst = (text: string) =>
      waitFor(() => expect(said()[0]).toBe(text));

    await userEvent.click(await screen.findByRole('button', { name: 'Pause' }));
    await saysFirst('tester paused the sync');
    await userEvent.click(screen.getByRole('button', { name: 'Resume' }));
    await saysFirst('tester resumed the sync');
    await userEvent.click(screen.getByRole('button', { name: 'Run now' }));
    await saysFirst('tester started run #2');

    await waitFor(() =>
      expect(said()).toEqual([
        'tester started run #2',
        'tester resumed the sync',
        'tester paused the sync',
        'jane created the sync',
      ]),
    );
  });

  it('says when nothing is recorded, and how much of a long history it shows', async () => {
    const { unmount } = await renderSyncDetailPage(aSyncBackend());
    expect(
      await screen.findByText(
        'Nothing recorded yet: changes made from now on show here.',
      ),
    ).toBeInTheDocument();
    unmount();

    const many = Array.from({ length: ACTIVITY_SHOWN + 5 }, (_, i) => ({
      ...created,
      id: ACTIVITY_SHOWN + 5 - i,
    }));
    await renderSyncDetailPage(aSyncBackend({ activity: many }));
    expect(within(await activityList()).getAllByRole('listitem')).toHaveLength(
      ACTIVITY_SHOWN,
    );
    expect(
      screen.getByText(`The ${ACTIVITY_SHOWN} most recent of 25 entries.`),
    ).toBeInTheDocument();
  });
});
