import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Route, Routes } from 'react-router-dom';
import { FakePermissionApi } from '../../__testUtils__/FakePermissionApi';
import { aSyncBackend } from '../../__testUtils__/renderSyncDetailPage';
import { audienceSyncsApiRef } from '../../api';
import { audienceSyncsPlugin } from '../../plugin';
import { homeRouteRef, rootRouteRef, syncRouteRef } from '../../routes';
import { AudienceSyncsPage } from './AudienceSyncsPage';

function render(route: string) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [audienceSyncsApiRef, aSyncBackend()],
        [permissionApiRef, new FakePermissionApi()],
      ]}
    >
      <Routes>
        <Route path="/audience-syncs/*" element={<AudienceSyncsPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/audience-syncs': rootRouteRef },
    },
  );
}

describe('AudienceSyncsPage (legacy frontend system)', () => {
  it('exposes the list, detail and home route refs', () => {
    expect(audienceSyncsPlugin.routes).toEqual({
      root: rootRouteRef,
      sync: syncRouteRef,
      home: homeRouteRef,
    });
  });

  it('shows the list at its mount point and a sync below it', async () => {
    await render('/audience-syncs');

    expect(
      screen.getByRole('heading', { name: 'Audience Syncs' }),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('link', { name: 'High value → Q1 retention' }),
    );

    expect(
      await screen.findByRole('heading', { name: 'High value → Q1 retention' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run now' })).toBeInTheDocument();
  });

  it('opens a sync directly from its URL, named once in its header', async () => {
    await render('/audience-syncs/sync-1');

    expect(
      await screen.findByRole('heading', { name: 'High value → Q1 retention' }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('High value → Q1 retention')).toHaveLength(1);
  });
});
