import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { Route, Routes } from 'react-router-dom';
import { aDestination, anAudience, aSync } from '../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../__testUtils__/FakeAudienceSyncsApi';
import { FakePermissionApi } from '../../__testUtils__/FakePermissionApi';
import { FakeSignalApi } from '../../__testUtils__/FakeSignalApi';
import { responseError } from '../../__testUtils__/responseError';
import { AudienceSyncsApi, audienceSyncsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { AudienceSyncsListPage } from './AudienceSyncsListPage';

const TEMPLATE_HREF = '/create/templates/default/create-audience-sync';

function populatedApi() {
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
      }),
    ],
    syncs: [
      aSync(),
      aSync({
        id: 'sync-2',
        name: 'Churn risk → winback',
        audienceId: 'churn-risk',
        destinationId: 'fb-ads',
        object: { id: 'ca-1', name: 'Winback audience' },
        mode: 'additive',
        schedule: { type: 'manual' },
        status: 'paused',
        lastSyncedAt: null,
        nextRunAt: null,
      }),
    ],
  });
}

function render(
  api: AudienceSyncsApi,
  route = '/audience-syncs',
  permissions = new FakePermissionApi(),
  signals?: SignalApi,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [audienceSyncsApiRef, api],
        [permissionApiRef, permissions],
        ...(signals ? [[signalApiRef, signals] as const] : []),
      ]}
    >
      <Routes>
        <Route path="/audience-syncs" element={<AudienceSyncsListPage />} />
        <Route
          path="/audience-syncs/:syncId"
          element={<div>Detail page of the sync</div>}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/audience-syncs': rootRouteRef },
    },
  );
}

const rowOf = (name: string) =>
  screen.getByRole('link', { name }).closest('tr') as HTMLElement;

describe('AudienceSyncsListPage', () => {
  it('shows progress while the syncs load', async () => {
    const api = populatedApi();
    jest.spyOn(api, 'listSyncs').mockReturnValue(new Promise(() => {}));
    await render(api);

    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error when the syncs cannot be listed', async () => {
    const api = populatedApi();
    const failure = await responseError(503, 'Error', 'store unavailable');
    jest.spyOn(api, 'listSyncs').mockRejectedValue(failure);
    await render(api);

    expect(
      await screen.findByText(
        'Error: Request failed with 503 Service Unavailable',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows an empty state that links to the sync builder template', async () => {
    await render(new FakeAudienceSyncsApi());

    expect(
      await screen.findByText('No audience syncs yet'),
    ).toBeInTheDocument();
    // LinkButton renders a link with the button role.
    const links = screen.getAllByRole('button', {
      name: /Create Audience Sync/,
    });
    expect(links.length).toBe(2); // the page header's button and the empty state's
    for (const link of links) {
      expect(link).toHaveAttribute('href', TEMPLATE_HREF);
    }
  });

  it('lists each sync with its audience, destination, object, mode, schedule, status and times', async () => {
    await render(populatedApi());

    const first = within(
      await screen
        .findByRole('link', { name: 'High value → Q1 retention' })
        .then(link => link.closest('tr') as HTMLElement),
    );
    expect(first.getByText('High value customers')).toBeInTheDocument();
    expect(first.getByText('Salesforce production')).toBeInTheDocument();
    expect(
      first.getByText('Campaign: Q1 Retention Campaign'),
    ).toBeInTheDocument();
    expect(first.getByText('Mirror')).toBeInTheDocument();
    expect(first.getByText('Daily at 00:00 (UTC)')).toBeInTheDocument();
    expect(first.getByText('Active')).toBeInTheDocument();
    expect(
      first.getByText(
        (_text, element) =>
          element?.tagName === 'TIME' &&
          element.getAttribute('datetime') === '2026-11-30T00:05:00.000Z',
      ),
    ).toBeInTheDocument();

    const second = within(rowOf('Churn risk → winback'));
    expect(second.getByText('Churn risk')).toBeInTheDocument();
    expect(second.getByText('Facebook Ads EU')).toBeInTheDocument();
    expect(second.getByText('Additive')).toBeInTheDocument();
    expect(second.getByText('Manual')).toBeInTheDocument();
    // The status chip, and the next run that a paused sync does not have.
    expect(second.getAllByText('Paused')).toHaveLength(2);
    expect(second.getByText('Never')).toBeInTheDocument();
  });

  it('asks the server for the chosen status, destination and audience', async () => {
    const api = populatedApi();
    const listSyncs = jest.spyOn(api, 'listSyncs');
    await render(api);
    await screen.findByRole('link', { name: 'Churn risk → winback' });

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'paused');
    await waitFor(() =>
      expect(listSyncs).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: 'paused', offset: 0 }),
      ),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('link', { name: 'High value → Q1 retention' }),
      ).not.toBeInTheDocument(),
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Destination'),
      'fb-ads',
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Audience'),
      'churn-risk',
    );
    await waitFor(() =>
      expect(listSyncs).toHaveBeenLastCalledWith({
        search: undefined,
        status: 'paused',
        destinationId: 'fb-ads',
        audienceId: 'churn-risk',
        limit: 25,
        offset: 0,
      }),
    );
    expect(
      screen.getByRole('link', { name: 'Churn risk → winback' }),
    ).toBeInTheDocument();
  });

  it('searches on the server once the user stops typing', async () => {
    const api = populatedApi();
    const listSyncs = jest.spyOn(api, 'listSyncs');
    await render(api);
    await screen.findByRole('link', { name: 'Churn risk → winback' });

    await userEvent.type(screen.getByLabelText('Search'), 'winback');
    await waitFor(() =>
      expect(listSyncs).toHaveBeenLastCalledWith(
        expect.objectContaining({ search: 'winback' }),
      ),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('link', { name: 'High value → Q1 retention' }),
      ).not.toBeInTheDocument(),
    );
    // One request for the initial list and one for the finished word, none per keystroke.
    expect(listSyncs).toHaveBeenCalledTimes(2);
  });

  it('says when filters hide every sync and clears them', async () => {
    const api = populatedApi();
    await render(api, '/audience-syncs?status=errored');

    expect(
      await screen.findByText('No audience syncs match these filters'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(
      await screen.findByRole('link', { name: 'High value → Q1 retention' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Status')).toHaveValue('');
  });

  it('pages through the syncs on the server', async () => {
    const api = new FakeAudienceSyncsApi({
      syncs: Array.from({ length: 30 }, (_, i) =>
        aSync({ id: `sync-${i + 1}`, name: `Sync number ${i + 1}` }),
      ),
    });
    const listSyncs = jest.spyOn(api, 'listSyncs');
    await render(api);

    expect(
      await screen.findByRole('link', { name: 'Sync number 25' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1-25 of 30')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(
      await screen.findByRole('link', { name: 'Sync number 30' }),
    ).toBeInTheDocument();
    expect(listSyncs).toHaveBeenLastCalledWith(
      expect.objectContaining({ limit: 25, offset: 25 }),
    );
    expect(
      screen.queryByRole('link', { name: 'Sync number 1' }),
    ).not.toBeInTheDocument();
  });

  it('opens the detail page of a clicked row', async () => {
    await render(populatedApi());

    const link = await screen.findByRole('link', {
      name: 'High value → Q1 retention',
    });
    expect(link).toHaveAttribute('href', '/audience-syncs/sync-1');
    await userEvent.click(
      within(rowOf('High value → Q1 retention')).getByText('Mirror'),
    );
    expect(
      await screen.findByText('Detail page of the sync'),
    ).toBeInTheDocument();
  });

  it('still lists the syncs, by id, when audiences and destinations cannot be loaded', async () => {
    const api = populatedApi();
    const failure = await responseError(500, 'Error', 'catalog down');
    jest.spyOn(api, 'listDestinations').mockRejectedValue(failure);
    await render(api);

    expect(
      await screen.findByText(
        /Audiences and destinations could not be loaded: the filters and names are incomplete/,
      ),
    ).toBeInTheDocument();
    const row = within(rowOf('High value → Q1 retention'));
    expect(row.getByText('salesforce-prod')).toBeInTheDocument();
  });

  describe('kept current', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    /** Whether the first sync's row shows it paused. */
    const firstPaused = () =>
      within(rowOf('High value → Q1 retention')).queryAllByText('Paused')
        .length > 0;

    it('reads the syncs again when the backend signals a change, and never polls', async () => {
      jest.useFakeTimers();
      const api = populatedApi();
      const listSyncs = jest.spyOn(api, 'listSyncs');
      const signals = new FakeSignalApi();
      await render(api, '/audience-syncs', undefined, signals);
      await screen.findByRole('link', { name: 'High value → Q1 retention' });
      const calls = listSyncs.mock.calls.length;

      await api.pauseSync('sync-1');
      await act(async () => {
        jest.advanceTimersByTime(60_000);
      });
      expect(listSyncs).toHaveBeenCalledTimes(calls);
      // A run's progress is not what a list shows.
      act(() =>
        signals.publish({ syncId: 'sync-1', runId: 3, change: 'run-progress' }),
      );
      expect(listSyncs).toHaveBeenCalledTimes(calls);
      expect(firstPaused()).toBe(false);

      act(() => signals.publish({ syncId: 'sync-1', change: 'updated' }));
      await waitFor(() => expect(firstPaused()).toBe(true));
      expect(listSyncs).toHaveBeenCalledTimes(calls + 1);
    });

    it('polls every 15 seconds in a portal without signals', async () => {
      jest.useFakeTimers();
      const api = populatedApi();
      await render(api);
      await screen.findByRole('link', { name: 'High value → Q1 retention' });

      await api.pauseSync('sync-1');
      await act(async () => {
        jest.advanceTimersByTime(14_000);
      });
      expect(firstPaused()).toBe(false);
      await act(async () => {
        jest.advanceTimersByTime(1_000);
      });
      await waitFor(() => expect(firstPaused()).toBe(true));
    });
  });
});
