import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aDestination, anAudience, aSync } from '../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../__testUtils__/FakeAudienceSyncsApi';
import { responseError } from '../../__testUtils__/responseError';
import { audienceSyncsApiRef } from '../../api';
import { EditSyncDialog } from './EditSyncDialog';

const sync = aSync({ mode: 'additive' });

function setup() {
  const api = new FakeAudienceSyncsApi({
    audiences: [anAudience()],
    destinations: [aDestination()],
    syncs: [sync],
  });
  api.nextRunPlan = {
    ...api.nextRunPlan,
    audienceMembers: 24_682,
    ledgerMembers: 25_886,
    removes: 1_204,
  };
  const dryRun = jest.spyOn(api, 'dryRunUpdateSync');
  const updateSync = jest.spyOn(api, 'updateSync');
  const render = () =>
    renderInTestApp(
      <TestApiProvider apis={[[audienceSyncsApiRef, api]]}>
        <EditSyncDialog
          open
          sync={sync}
          audience={anAudience()}
          destination={aDestination()}
          onClose={jest.fn()}
          onSaved={jest.fn()}
          onDenied={jest.fn()}
        />
      </TestApiProvider>,
    );
  return { api, dryRun, updateSync, render };
}

describe('EditSyncDialog preview of the next run', () => {
  it('warns, before saving, that switching to Mirror removes the departed members', async () => {
    const { dryRun, updateSync, render } = setup();
    await render();
    expect(
      screen.queryByLabelText('What the next run would do'),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: /^Mirror/ }));

    const preview = await screen.findByLabelText('What the next run would do');
    expect(preview).toHaveTextContent(
      'Switching to Mirror removes 1,204 members at the next run: they left the audience.',
    );
    expect(dryRun).toHaveBeenLastCalledWith('sync-1', {
      mode: 'mirror',
      version: 1,
    });
    expect(updateSync).not.toHaveBeenCalled();
  });

  it("shows the server's refusal of the edit instead of a plan", async () => {
    const { api, render } = setup();
    jest
      .spyOn(api, 'dryRunUpdateSync')
      .mockRejectedValue(
        await responseError(
          409,
          'ConflictError',
          'The object or identifier cannot change while a run is in progress',
        ),
      );
    await render();

    await userEvent.click(screen.getByRole('radio', { name: /^Mirror/ }));

    await waitFor(() =>
      expect(
        screen.getByText(/could not be worked out: The object or identifier/),
      ).toBeInTheDocument(),
    );
  });
});
