import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { aRun, aSync } from '../../__testUtils__/fixtures';
import { rootRouteRef } from '../../routes';
import { RecentRunsCard } from './RecentRunsCard';

describe('RecentRunsCard', () => {
  it('shows a run that skipped invalid rows as succeeded with a warning, not as plain success', async () => {
    await renderInTestApp(
      <RecentRunsCard
        syncs={[
          aSync({
            id: 'skipping',
            name: 'Skipping sync',
            latestRun: aRun({ id: 2, syncId: 'skipping', invalid: 1_204 }),
          }),
          aSync({
            id: 'clean',
            name: 'Clean sync',
            latestRun: aRun({ id: 1, syncId: 'clean', invalid: 0 }),
          }),
        ]}
      />,
      { mountedRoutes: { '/audience-syncs': rootRouteRef } },
    );

    const row = (name: string) =>
      within(screen.getByRole('link', { name }).closest('tr') as HTMLElement);
    expect(
      row('Skipping sync').getByText('Succeeded with 1,204 invalid'),
    ).toBeInTheDocument();
    expect(row('Clean sync').getByText('Succeeded')).toBeInTheDocument();
    expect(row('Clean sync').queryByText(/invalid/)).not.toBeInTheDocument();
  });
});
