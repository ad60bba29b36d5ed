import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { anAudienceEntity } from '../../__testUtils__/entities';
import { FakeAudienceSyncsApi } from '../../__testUtils__/FakeAudienceSyncsApi';
import { FakeSignalApi } from '../../__testUtils__/FakeSignalApi';
import { aDestination, anAudience, aSync } from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { responseError } from '../../__testUtils__/responseError';
import { EntityAudienceSyncsCard } from './EntityAudienceSyncsCard';

function backend(syncs = [aSync()]) {
  return new FakeAudienceSyncsApi({
    audiences: [
      anAudience(),
      anAudience({ id: 'churn-risk', name: 'Churn risk' }),
    ],
    destinations: [
      aDestination(),
      aDestination({
        id: 'fb-ads',
        type: 'facebook_ads',
        typeLabel: 'Facebook Ads',
        name: 'Facebook Ads EU',
        capabilities: {
          ...aDestination().capabilities,
          objectLabel: 'Custom Audience',
        },
      }),
    ],
    syncs,
  });
}

const render = (api: FakeAudienceSyncsApi, entity = anAudienceEntity()) =>
  renderEntityComponent(<EntityAudienceSyncsCard />, entity, api);

const timeAt = (iso: string) => (_text: string, element: Element | null) =>
  element?.tagName === 'TIME' && element.getAttribute('datetime') === iso;

describe('EntityAudienceSyncsCard', () => {
  it('shows progress while the audience loads', async () => {
    const api = backend();
    jest.spyOn(api, 'getAudience').mockReturnValue(new Promise(() => {}));
    await render(api);

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Audience syncs' }),
    ).not.toBeInTheDocument();
  });

  it("shows the server's message when the syncs cannot be loaded", async () => {
    const api = backend();
    jest
      .spyOn(api, 'listSyncs')
      .mockRejectedValue(
        await responseError(503, 'Error', 'store unavailable'),
      );
    await render(api);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("The audience's syncs could not be loaded");
    expect(alert).toHaveTextContent('store unavailable');
    expect(
      screen.queryByRole('button', { name: /Create Sync/ }),
    ).not.toBeInTheDocument();
  });

  it('says so when the audience of the entity no longer exists', async () => {
    await render(backend(), anAudienceEntity('removed-audience'));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Unknown audience');
    expect(alert).toHaveTextContent(
      'This entity refers to the audience removed-audience, which Audience Syncs does not know.',
    );
    expect(
      screen.queryByRole('button', { name: /Create Sync/ }),
    ).not.toBeInTheDocument();
  });

  it('asks for the annotation when the entity has none', async () => {
    const entity = anAudienceEntity();
    entity.metadata.annotations = {};
    await render(backend(), entity);

    expect(
      await screen.findByText('audience-syncs.signalsmith.io/audience-id'),
    ).toBeInTheDocument();
  });

  it("shows the audience's member count, entity type and evaluation", async () => {
    await render(backend());

    expect(
      await screen.findByText(/12,345 members \(users\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(timeAt('2026-11-30T06:00:00.000Z')),
    ).toBeInTheDocument();
    expect(screen.getByText(/daily at 00:00/i)).toBeInTheDocument();
  });

  it('offers Create Sync when the audience has no syncs yet', async () => {
    await render(backend([]));

    expect(await screen.findByText('No syncs yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Audience syncs' }),
    ).not.toBeInTheDocument();
    // LinkButton renders a link with the button role.
    const create = screen.getByRole('button', { name: /Create Sync/ });
    const href = new URL(create.getAttribute('href')!, 'http://localhost');
    expect(href.pathname).toBe(
      '/create/templates/default/create-audience-sync',
    );
    expect(JSON.parse(href.searchParams.get('formData')!)).toEqual({
      audienceId: 'high-value-customers',
    });
  });

  it('lists the syncs of the audience with their destination, object, status and times', async () => {
    await render(
      backend([
        aSync(),
        aSync({
          id: 'sync-2',
          name: 'High value → lookalike',
          destinationId: 'fb-ads',
          object: { id: 'ca-1', name: 'Website Visitors Lookalike' },
          mode: 'additive',
          status: 'paused',
          lastSyncedAt: null,
          nextRunAt: null,
        }),
        aSync({ id: 'sync-3', name: 'Churn', audienceId: 'churn-risk' }),
      ]),
    );

    const first = within(
      (
        await screen.findByRole('link', { name: 'High value → Q1 retention' })
      ).closest('tr') as HTMLElement,
    );
    expect(
      first.getByRole('link', { name: 'High value → Q1 retention' }),
    ).toHaveAttribute('href', '/audience-syncs/sync-1');
    expect(first.getByText('Mirror')).toBeInTheDocument();
    expect(first.getByText('Salesforce production')).toBeInTheDocument();
    expect(
      first.getByText('Campaign: Q1 Retention Campaign'),
    ).toBeInTheDocument();
    expect(first.getByText('Active')).toBeInTheDocument();
    expect(
      first.getByText(timeAt('2026-11-30T00:05:00.000Z')),
    ).toBeInTheDocument();
    expect(
      first.getByText(timeAt('2026-12-01T00:00:00.000Z')),
    ).toBeInTheDocument();

    const second = within(
      screen
        .getByRole('link', { name: 'High value → lookalike' })
        .closest('tr') as HTMLElement,
    );
    expect(
      second.getByRole('link', { name: 'High value → lookalike' }),
    ).toHaveAttribute('href', '/audience-syncs/sync-2');
    expect(second.getByText('Additive')).toBeInTheDocument();
    expect(second.getByText('Facebook Ads EU')).toBeInTheDocument();
    expect(
      second.getByText('Custom Audience: Website Visitors Lookalike'),
    ).toBeInTheDocument();
    expect(second.getByText('Never')).toBeInTheDocument();
    // The status chip, and the next run that a paused sync does not have.
    expect(second.getAllByText('Paused')).toHaveLength(2);

    expect(screen.queryByText('Churn')).not.toBeInTheDocument();
    expect(screen.queryByText(/View all/)).not.toBeInTheDocument();
  });

  it('lists the first five syncs and links to all of them on the list page', async () => {
    const api = backend(
      Array.from({ length: 7 }, (_, i) =>
        aSync({ id: `sync-${i}`, name: `Sync ${i}` }),
      ),
    );
    const listSyncs = jest.spyOn(api, 'listSyncs');
    await render(api);

    await screen.findByRole('link', { name: 'Sync 4' });
    expect(
      screen.queryByRole('link', { name: 'Sync 5' }),
    ).not.toBeInTheDocument();
    expect(listSyncs).toHaveBeenCalledWith(
      expect.objectContaining({
        audienceId: 'high-value-customers',
        limit: 5,
        offset: 0,
      }),
    );
    expect(
      screen.getByRole('link', { name: /View all 7 syncs/ }),
    ).toHaveAttribute(
      'href',
      '/audience-syncs?audienceId=high-value-customers',
    );
  });

  it('keeps Create Sync disabled, saying why, until the audience has members', async () => {
    const api = backend();
    api.audiences = [anAudience({ memberCount: null, lastEvaluatedAt: null })];
    await render(api);

    expect(await screen.findByText(/not evaluated yet/)).toBeInTheDocument();
    const create = screen.getByRole('button', { name: /Create Sync/ });
    expect(create).toBeDisabled();
    expect(create).not.toHaveAttribute('href');
    await userEvent.hover(create.parentElement!);
    await waitFor(() =>
      expect(screen.getByRole('tooltip')).toHaveTextContent(
        "audience 'High value customers' has not been evaluated successfully yet",
      ),
    );
  });

  it('shows a change to one of its syncs as soon as it is signalled', async () => {
    const api = backend();
    const signals = new FakeSignalApi();
    await renderEntityComponent(
      <EntityAudienceSyncsCard />,
      anAudienceEntity(),
      api,
      undefined,
      signals,
    );
    const table = await screen.findByRole('table', { name: 'Audience syncs' });
    expect(within(table).queryAllByText('Paused')).toHaveLength(0);

    await api.pauseSync('sync-1');
    act(() => signals.publish({ syncId: 'sync-1', change: 'updated' }));

    await waitFor(() =>
      expect(
        within(
          screen.getByRole('table', { name: 'Audience syncs' }),
        ).queryAllByText('Paused').length,
      ).toBeGreaterThan(0),
    );
  });
});
