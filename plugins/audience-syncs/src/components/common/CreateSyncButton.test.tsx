import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakePermissionApi } from '../../__testUtils__/FakePermissionApi';
import { CreateSyncButton } from './CreateSyncButton';

// Its own file: the permission hook caches a decision per permission for the whole test file, and the list
// page's tests allow creating.
describe('CreateSyncButton', () => {
  it('is disabled, saying why, when the create permission is denied', async () => {
    const permissions = new FakePermissionApi(['audience-sync.create']);
    await renderInTestApp(
      <TestApiProvider apis={[[permissionApiRef, permissions]]}>
        <CreateSyncButton label="Create Audience Sync" />
      </TestApiProvider>,
    );

    await userEvent.hover(
      screen.getByRole('button', { name: /Create Audience Sync/ })
        .parentElement!,
    );
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent(
        'You do not have permission to create audience syncs',
      ),
    );
    const button = screen.getByRole('button', { name: /Create Audience Sync/ });
    expect(button).toBeDisabled();
    expect(button).not.toHaveAttribute('href');
    expect(permissions.requests.map(r => r.permission.name)).toEqual([
      'audience-sync.create',
    ]);
  });
});
