import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  aDestinationEntity,
  anAudienceEntity,
} from '../../__testUtils__/entities';
import { FakeAudienceSyncsApi } from '../../__testUtils__/FakeAudienceSyncsApi';
import { aDestination, anAudience, aSync } from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { EntityAudienceSyncsContent } from './EntityAudienceSyncsContent';

/** Twelve syncs of the audience to the destination: more than the first page of the tab. */
function backend() {
  return new FakeAudienceSyncsApi({
    audiences: [anAudience()],
    destinations: [aDestination()],
    syncs: Array.from({ length: 12 }, (_, i) =>
      aSync({ id: `sync-${i + 1}`, name: `Sync ${i + 1}` }),
    ),
  });
}

describe('EntityAudienceSyncsContent', () => {
  it("shows an audience's facts, Create Sync and its syncs a page at a time", async () => {
    const api = backend();
    const listSyncs = jest.spyOn(api, 'listSyncs');
    await renderEntityComponent(
      <EntityAudienceSyncsContent />,
      anAudienceEntity(),
      api,
    );

    expect(await screen.findByText(/12,345 members/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Create Sync/ })).toHaveAttribute(
      'href',
      expect.stringContaining('formData='),
    );
    expect(
      await screen.findByRole('link', { name: 'Sync 10' }),
    ).toHaveAttribute('href', '/audience-syncs/sync-10');
    expect(
      screen.queryByRole('link', { name: 'Sync 11' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('1-10 of 12')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(
      await screen.findByRole('link', { name: 'Sync 11' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Sync 1' }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(listSyncs).toHaveBeenLastCalledWith(
        expect.objectContaining({
          audienceId: 'high-value-customers',
          limit: 10,
          offset: 10,
        }),
      ),
    );
  });

  it("shows a destination's syncs, without audience facts or Create Sync", async () => {
    const api = backend();
    const listSyncs = jest.spyOn(api, 'listSyncs');
    await renderEntityComponent(
      <EntityAudienceSyncsContent />,
      aDestinationEntity(),
      api,
    );

    expect(
      await screen.findByRole('link', { name: 'Sync 1' }),
    ).toBeInTheDocument();
    expect(listSyncs).toHaveBeenCalledWith(
      expect.objectContaining({ destinationId: 'salesforce-prod' }),
    );
    expect(screen.queryByText(/12,345 members/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Create Sync/ }),
    ).not.toBeInTheDocument();
  });

  it('says when the audience has no syncs yet', async () => {
    await renderEntityComponent(
      <EntityAudienceSyncsContent />,
      anAudienceEntity(),
      new FakeAudienceSyncsApi({ audiences: [anAudience()] }),
    );

    expect(await screen.findByText('No syncs yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Create Sync/ }),
    ).toBeInTheDocument();
  });
});
