import { renderTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakePermissionApi } from './__testUtils__/FakePermissionApi';
import { aSyncBackend } from './__testUtils__/renderSyncDetailPage';
import audienceSyncsPlugin from './alpha';
import { audienceSyncsApiRef } from './api';

function render(route: string) {
  return renderTestApp({
    features: [audienceSyncsPlugin],
    initialRouteEntries: [route],
    apis: [
      [audienceSyncsApiRef, aSyncBackend()],
      [permissionApiRef, new FakePermissionApi()],
    ],
  });
}

/** A whole app renders here, and its first render compiles the lazily loaded pages: slow on a busy machine. */
const APP_TIMEOUT_MS = 20_000;

describe('audience-syncs plugin (new frontend system)', () => {
  it('routes the list page and, from a row, the detail page', async () => {
    render('/audience-syncs');

    const link = await screen.findByRole(
      'link',
      { name: 'High value → Q1 retention' },
      { timeout: APP_TIMEOUT_MS },
    );
    expect(link).toHaveAttribute('href', '/audience-syncs/sync-1');
    await userEvent.click(link);

    expect(
      await screen.findByRole(
        'heading',
        { name: 'High value → Q1 retention' },
        { timeout: APP_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Run now' }),
    ).toBeInTheDocument();
  });

  it('serves the detail page at /audience-syncs/:syncId', async () => {
    render('/audience-syncs/sync-1');

    expect(
      await screen.findByRole(
        'heading',
        { name: 'High value → Q1 retention' },
        { timeout: APP_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    // The sidebar's item leads back to the list.
    expect(
      screen.getByRole('link', { name: 'Audience Syncs' }),
    ).toHaveAttribute('href', '/audience-syncs');
  });

  it('serves the Segment home at /segment, leading to the syncs', async () => {
    render('/segment');

    expect(
      await screen.findByRole(
        'heading',
        { name: 'Segment' },
        { timeout: APP_TIMEOUT_MS },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Audiences' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Home' })).toHaveAttribute(
      'href',
      '/segment',
    );
  });

  it('exposes the home, list and detail routes', () => {
    expect(Object.keys(audienceSyncsPlugin.routes)).toEqual([
      'root',
      'sync',
      'home',
    ]);
  });
});
