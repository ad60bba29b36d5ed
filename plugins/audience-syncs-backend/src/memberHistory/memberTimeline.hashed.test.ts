import {
  RunningEmulator,
  startFacebookEmulator,
} from '@internal/destination-emulators';
import { sha256Hex } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { Knex } from 'knex';
import {
  createEngineHarness,
  inMemoryKnex,
  member,
} from '../__testUtils__/createEngineHarness';
import { facebookAdsConnector } from '../destinations/facebook-ads/facebookAdsConnector';
import { MemberTimelineService } from './MemberTimelineService';

const TOKEN = 'EAAB-timeline-test-token';
const ACCOUNT = '1000000000000009';
const CUSTOM_AUDIENCE = { id: '23849182047670590', name: 'Buyers' };

let fb: RunningEmulator;
let knex: Knex;

beforeAll(async () => {
  fb = await startFacebookEmulator({
    adAccountId: ACCOUNT,
    accessTokens: [TOKEN],
    audiences: [CUSTOM_AUDIENCE],
  });
});

afterAll(() => fb.close());

beforeEach(() => {
  knex = inMemoryKnex();
});

afterEach(async () => {
  await knex.destroy();
});

describe('a member’s timeline on a destination that hashes identifiers', () => {
  it('finds the member by its email typed in plain text, normalized and hashed as the destination gets it', async () => {
    const harness = await createEngineHarness({
      knex,
      connector: facebookAdsConnector,
      settings: {
        baseUrl: fb.url,
        adAccountId: `act_${ACCOUNT}`,
        accessToken: TOKEN,
      },
    });
    const timelines = MemberTimelineService.create({
      stores: harness.stores,
      destinations: harness.destinations,
    });
    const sync = await harness.createSync({
      object: CUSTOM_AUDIENCE,
      identifier: { entityKey: 'email', field: 'EMAIL' },
    });
    await harness.evaluate([member(1, {}, 'Ada.Lovelace@Example.com')]);
    const run = await harness.run(sync.id);
    expect(run.status).toBe('succeeded');

    const hashed = sha256Hex('ada.lovelace@example.com');
    const [onSync] = (
      await timelines.timeline('buyers', '  ada.lovelace@EXAMPLE.com ')
    ).syncs;
    expect(onSync.memberKeys).toEqual(['u000001']);
    expect(onSync.ledger).toEqual([
      { memberKey: 'u000001', identifier: hashed },
    ]);
    expect(onSync.history).toEqual([
      expect.objectContaining({
        runId: run.id,
        operation: 'add',
        identifier: hashed,
      }),
    ]);
    // The hash as sent finds it too.
    expect(
      (await timelines.timeline('buyers', hashed)).syncs[0].memberKeys,
    ).toEqual(['u000001']);
  });
});
