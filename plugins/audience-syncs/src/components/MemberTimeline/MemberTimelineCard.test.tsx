import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemberTimelineSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { anAudienceEntity } from '../../__testUtils__/entities';
import { FakeAudienceSyncsApi } from '../../__testUtils__/FakeAudienceSyncsApi';
import { aDestination, anAudience, aSync } from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import {
  aSyncBackend,
  renderSyncDetailPage,
} from '../../__testUtils__/renderSyncDetailPage';
import { EntityAudienceSyncsContent } from '../EntityAudienceSyncsContent';

const AUDIENCE = 'high-value-customers';
const hoursAgo = (h: number) =>
  new Date(Date.now() - h * 3_600_000).toISOString();

/** Ada joined, changed her email, left and came back; Bo has no email. */
const ada: MemberTimelineSync = {
  syncId: 'sync-1',
  syncName: 'High value → Q1 retention',
  destinationId: 'salesforce-prod',
  memberKeys: ['u1'],
  inSnapshot: true,
  ledger: [{ memberKey: 'u1', identifier: 'ada@new.example.com' }],
  history: [
    step(11, 72, 'add', 'ada@example.com'),
    step(12, 48, 'update', 'ada@new.example.com'),
    step(13, 24, 'remove', 'ada@new.example.com'),
    step(14, 2, 'add', 'ada@new.example.com'),
  ],
};
const bo: MemberTimelineSync = {
  ...ada,
  memberKeys: ['u2'],
  ledger: [],
  history: [
    {
      memberKey: 'u2',
      runId: 14,
      at: hoursAgo(2),
      operation: 'invalid',
      identifier: null,
      code: 'missing_identifier',
      message: 'The member has no email',
    },
  ],
};

function step(
  runId: number,
  hours: number,
  operation: 'add' | 'update' | 'remove',
  identifier: string,
) {
  return {
    memberKey: 'u1',
    runId,
    at: hoursAgo(hours),
    operation,
    identifier,
    code: null,
    message: null,
  };
}

function backend() {
  const api = new FakeAudienceSyncsApi({
    audiences: [anAudience()],
    destinations: [aDestination()],
    syncs: [aSync(), aSync({ id: 'sync-2', name: 'High value → Ads' })],
  });
  api.memberTimelines[AUDIENCE] = [ada, bo];
  return api;
}

async function search(text: string) {
  await userEvent.type(
    screen.getByLabelText('Member key, identifier or email'),
    text,
  );
  await userEvent.click(screen.getByRole('button', { name: 'Find member' }));
}

describe('Member timeline', () => {
  it("shows on the audience's tab each step of a member, in order, with times, for each sync", async () => {
    const api = backend();
    const getMemberTimeline = jest.spyOn(api, 'getMemberTimeline');
    await renderEntityComponent(
      <EntityAudienceSyncsContent />,
      anAudienceEntity(),
      api,
    );
    expect(screen.getByRole('button', { name: 'Find member' })).toBeDisabled();

    await search('ada@example.com');

    expect(getMemberTimeline).toHaveBeenCalledWith(AUDIENCE, 'ada@example.com');
    const onSync = await screen.findByRole('region', {
      name: 'High value → Q1 retention',
    });
    expect(
      within(onSync).getByText(
        'Member u1 · in the current snapshot · the destination holds ada@new.example.com',
      ),
    ).toBeInTheDocument();
    const steps = within(
      within(onSync).getByRole('list', {
        name: 'Steps on High value → Q1 retention',
      }),
    ).getAllByRole('listitem');
    expect(steps.map(item => item.textContent)).toEqual([
      'Added to the destination as ada@example.comRun #11 · 3 days ago',
      'Updated in the destination, sent as ada@new.example.comRun #12 · 2 days ago',
      'Removed from the destination (ada@new.example.com)Run #13 · 1 day ago',
      'Added to the destination as ada@new.example.comRun #14 · 2 hours ago',
    ]);
    // The audience's other sync never had the member.
    const other = screen.getByRole('region', { name: 'High value → Ads' });
    expect(
      within(other).getByText('No member of this sync matches.'),
    ).toBeInTheDocument();
  });

  it('says in plain words why a member without an email was never sent', async () => {
    await renderEntityComponent(
      <EntityAudienceSyncsContent />,
      anAudienceEntity(),
      backend(),
    );
    await search('u2');

    const onSync = await screen.findByRole('region', {
      name: 'High value → Q1 retention',
    });
    expect(
      within(onSync).getByText(/not in the destination/),
    ).toBeInTheDocument();
    expect(
      within(onSync).getByText('Not sent: The member has no email'),
    ).toBeInTheDocument();
    expect(within(onSync).getByText(/missing_identifier/)).toBeInTheDocument();
    expect(within(onSync).queryByText(/^Added/)).not.toBeInTheDocument();
  });

  it("shows the backend's refusal beside the field", async () => {
    const api = backend();
    await renderEntityComponent(
      <EntityAudienceSyncsContent />,
      anAudienceEntity(),
      api,
    );
    jest.spyOn(api, 'getMemberTimeline').mockRejectedValue(
      Object.assign(new Error('refused'), {
        statusCode: 400,
        body: {
          problems: [
            {
              field: 'q',
              code: 'too_big',
              message: 'must be at most 255 characters',
            },
          ],
        },
      }),
    );
    await search('x');
    expect(
      await screen.findByText('must be at most 255 characters'),
    ).toBeInTheDocument();
  });

  it("is on a sync's page too, showing only that sync", async () => {
    const api = aSyncBackend({
      syncs: [aSync(), aSync({ id: 'sync-2', name: 'High value → Ads' })],
    });
    api.memberTimelines[AUDIENCE] = [ada];
    await renderSyncDetailPage(api);
    await screen.findByText('Member timeline');

    await search('u1');

    expect(
      await screen.findByRole('region', { name: 'High value → Q1 retention' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'High value → Ads' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('Removed from the destination (ada@new.example.com)'),
    ).toBeInTheDocument();
  });
});
