import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, within } from '@testing-library/react';
import { anAudience, aRun, aSync } from '../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../__testUtils__/FakeAudienceSyncsApi';
import { FakePermissionApi } from '../../__testUtils__/FakePermissionApi';
import { audienceSyncsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { SegmentHomePage } from './SegmentHomePage';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

function render(api: FakeAudienceSyncsApi) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [audienceSyncsApiRef, api],
        [permissionApiRef, new FakePermissionApi()],
      ]}
    >
      <SegmentHomePage />
    </TestApiProvider>,
    { mountedRoutes: { '/audience-syncs': rootRouteRef } },
  );
}

describe('SegmentHomePage', () => {
  it('shows the syncs needing attention, the recent runs and the audiences, with the way in to the builder', async () => {
    const api = new FakeAudienceSyncsApi({
      audiences: [
        anAudience({ memberCount: 12_345, lastEvaluatedAt: minutesAgo(3) }),
        anAudience({
          id: 'churn-risk',
          name: 'Churn risk',
          memberCount: null,
          lastEvaluatedAt: null,
        }),
      ],
      syncs: [
        aSync({ id: 'ok', name: 'Healthy sync', nextRunAt: minutesAgo(-60) }),
        aSync({ id: 'held', name: 'Held sync', nextRunAt: minutesAgo(-60) }),
      ],
      runs: [
        aRun({
          id: 2,
          syncId: 'held',
          status: 'held',
          planned: { adds: 0, removes: 1204, updates: 0 },
          startedAt: minutesAgo(2),
          finishedAt: null,
        }),
        aRun({ id: 1, syncId: 'ok', invalid: 0, finishedAt: minutesAgo(10) }),
      ],
    });
    await render(api);

    expect(
      await screen.findByRole('heading', { name: 'Segment' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: /Create Audience Sync/ }),
    ).toHaveAttribute('href', '/create/templates/default/create-audience-sync');

    const attention = screen.getByRole('list', {
      name: 'Syncs needing attention',
    });
    expect(within(attention).getAllByRole('listitem')).toHaveLength(1);
    expect(
      within(attention).getByRole('link', { name: 'Held sync' }),
    ).toHaveAttribute('href', '/audience-syncs/held');
    expect(
      within(attention).getByText(
        /Run #2 is held for approval: it would remove 1,204 members/,
      ),
    ).toBeInTheDocument();

    const runs = screen.getByRole('table', { name: 'Recent runs' });
    const rows = within(runs).getAllByRole('row');
    expect(rows.map(r => r.textContent)).toEqual([
      expect.stringMatching(/^Held sync.*Held for approval.*2 minutes ago$/),
      expect.stringMatching(/^Healthy sync.*Succeeded.*10 minutes ago$/),
    ]);

    const audiences = screen.getByRole('table', { name: 'Audiences' });
    const highValue = within(audiences)
      .getByText('High value customers')
      .closest('tr') as HTMLElement;
    expect(highValue).toHaveTextContent('12,345 members');
    expect(highValue).toHaveTextContent('3 minutes ago');
    expect(
      within(highValue).getByRole('link', {
        name: '2 syncs of High value customers',
      }),
    ).toHaveAttribute(
      'href',
      '/audience-syncs?audienceId=high-value-customers',
    );
    const churn = within(audiences)
      .getByText('Churn risk')
      .closest('tr') as HTMLElement;
    expect(churn).toHaveTextContent('not evaluated yet');
    expect(churn).toHaveTextContent('never');
  });

  it('says so when no sync needs attention or has run', async () => {
    await render(
      new FakeAudienceSyncsApi({
        audiences: [anAudience()],
        syncs: [aSync({ nextRunAt: minutesAgo(-60) })],
      }),
    );

    expect(
      await screen.findByText('Every sync is running as scheduled.'),
    ).toBeInTheDocument();
    expect(screen.getByText('No sync has run yet.')).toBeInTheDocument();
  });

  it('names a sync whose scheduled run is late', async () => {
    await render(
      new FakeAudienceSyncsApi({
        audiences: [anAudience()],
        syncs: [aSync({ name: 'Late sync', nextRunAt: minutesAgo(45) })],
      }),
    );

    const attention = await screen.findByRole('list', {
      name: 'Syncs needing attention',
    });
    expect(attention).toHaveTextContent(
      'Late sync' + 'Its scheduled run has not started · 45 minutes ago',
    );
  });
});
