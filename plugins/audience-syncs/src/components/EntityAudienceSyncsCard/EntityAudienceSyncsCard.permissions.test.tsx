import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anAudienceEntity } from '../../__testUtils__/entities';
import { FakePermissionApi } from '../../__testUtils__/FakePermissionApi';
import { aSyncBackend } from '../../__testUtils__/renderSyncDetailPage';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { EntityAudienceSyncsCard } from './EntityAudienceSyncsCard';

// Its own file: the permission hook caches a decision per permission for the whole test file, and the card's
// other tests allow creating.
describe('EntityAudienceSyncsCard permissions', () => {
  it('disables Create Sync, saying why, when the create permission is denied', async () => {
    const permissions = new FakePermissionApi(['audience-sync.create']);
    await renderEntityComponent(
      <EntityAudienceSyncsCard />,
      anAudienceEntity(),
      aSyncBackend(),
      permissions,
    );

    // The syncs stay visible: reading them is not creating.
    expect(
      await screen.findByRole('link', { name: 'High value → Q1 retention' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: /Create Sync/ }),
      ).toBeDisabled(),
    );
    const create = screen.getByRole('button', { name: /Create Sync/ });
    expect(create).not.toHaveAttribute('href');
    await userEvent.hover(create.parentElement!);
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent(
        'You do not have permission to create audience syncs',
      ),
    );
    expect(permissions.requests.map(r => r.permission.name)).toEqual([
      'audience-sync.create',
    ]);
  });
});
