import { screen, within } from '@testing-library/react';
import { aDestinationEntity } from '../../__testUtils__/entities';
import { FakeAudienceSyncsApi } from '../../__testUtils__/FakeAudienceSyncsApi';
import { aDestination, anAudience, aSync } from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { EntityDestinationSyncsCard } from './EntityDestinationSyncsCard';

function backend(syncs = [aSync()]) {
  return new FakeAudienceSyncsApi({
    audiences: [
      anAudience(),
      anAudience({ id: 'churn-risk', name: 'Churn risk' }),
    ],
    destinations: [aDestination(), aDestination({ id: 'hubspot' })],
    syncs,
  });
}

const render = (api: FakeAudienceSyncsApi, entity = aDestinationEntity()) =>
  renderEntityComponent(<EntityDestinationSyncsCard />, entity, api);

describe('EntityDestinationSyncsCard', () => {
  it('lists the syncs that feed the destination, with their audiences', async () => {
    await render(
      backend([
        aSync(),
        aSync({
          id: 'sync-2',
          name: 'Churn → winback',
          audienceId: 'churn-risk',
          object: { id: 'cmp-wb', name: 'Winback Campaign' },
          status: 'errored',
        }),
        aSync({ id: 'sync-3', name: 'Elsewhere', destinationId: 'hubspot' }),
      ]),
    );

    expect(
      await screen.findByText(
        'The audiences this Salesforce destination receives',
      ),
    ).toBeInTheDocument();
    const first = within(
      screen
        .getByRole('link', { name: 'High value → Q1 retention' })
        .closest('tr') as HTMLElement,
    );
    expect(
      first.getByRole('link', { name: 'High value → Q1 retention' }),
    ).toHaveAttribute('href', '/audience-syncs/sync-1');
    expect(first.getByText('High value customers')).toBeInTheDocument();
    expect(
      first.getByText('Campaign: Q1 Retention Campaign'),
    ).toBeInTheDocument();

    const second = within(
      screen
        .getByRole('link', { name: 'Churn → winback' })
        .closest('tr') as HTMLElement,
    );
    expect(second.getByText('Churn risk')).toBeInTheDocument();
    expect(second.getByText('Errored')).toBeInTheDocument();

    expect(screen.queryByText('Elsewhere')).not.toBeInTheDocument();
    // Syncs are created from an audience, never from a destination.
    expect(
      screen.queryByRole('button', { name: /Create Sync/ }),
    ).not.toBeInTheDocument();
  });

  it('says when no sync feeds the destination yet', async () => {
    await render(backend([]));

    expect(await screen.findByText('No syncs yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        "Create a sync from an audience's page to send its members to this destination.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Audience syncs' }),
    ).not.toBeInTheDocument();
  });

  it('says so when the destination of the entity no longer exists', async () => {
    await render(backend(), aDestinationEntity('removed-destination'));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Unknown destination');
    expect(alert).toHaveTextContent('removed-destination');
  });
});
