import { JsonObject } from '@backstage/types';
import {
  RunningEmulator,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import { AudienceMember } from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  createEngineHarness,
  inMemoryKnex,
} from '../../__testUtils__/createEngineHarness';
import { testConnector } from '../../__testUtils__/testConnector';
import { hubSpotConnector } from './hubSpotConnector';

const APP = {
  clientId: 'hubspot-app-client-id',
  clientSecret: 'hubspot-app-secret-31f',
};
const REFRESH = 'na1-refresh-7c2d';
const LIST = { id: '7', name: 'Newsletter' };

let hubspot: RunningEmulator;

async function start(options: Parameters<typeof startHubSpotEmulator>[0] = {}) {
  hubspot = await startHubSpotEmulator({
    accessTokens: [],
    oauthApps: [{ ...APP, refreshTokens: [REFRESH] }],
    lists: [{ listId: LIST.id, name: LIST.name }],
    ...options,
  });
}

afterEach(() => hubspot?.close());

const settings = (): JsonObject => ({
  baseUrl: hubspot.url,
  ...APP,
  refreshToken: REFRESH,
});

const { connect, connectError, failure } = testConnector(hubSpotConnector, {
  settings,
  secrets: [APP.clientSecret, REFRESH],
});

const member = (i: number): AudienceMember => ({
  memberKey: `m${String(i).padStart(5, '0')}`,
  keys: { email: `member${i}@example.com` },
  fields: {},
});

describe('HubSpot OAuth apps', () => {
  it('declares the app credentials secret and takes them instead of a private-app token', async () => {
    await start();
    expect(hubSpotConnector.secretKeys).toEqual(
      expect.arrayContaining(['accessToken', 'clientSecret', 'refreshToken']),
    );
    expect(
      (await connectError({ clientSecret: undefined } as unknown as JsonObject))
        .message,
    ).toMatch(/^clientSecret: /);
    expect((await connectError({ accessToken: 'pat-na1-x' })).message).toMatch(
      /^accessToken: /,
    );
  });

  it('gets tokens from /oauth/v1/token and renews them once when HubSpot says they expired', async () => {
    await start();
    const client = await connect();
    await expect(client.listObjects()).resolves.toEqual([LIST]);
    hubspot.advanceClock(1800_000);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => client.listObjects()),
    );
    expect(answers).toEqual(Array(4).fill([LIST]));
    expect(hubspot.stats().tokensIssued).toBe(2);
  });

  it("fails for good with HubSpot's reason when the refresh token is refused", async () => {
    await start();
    const client = await connect({ refreshToken: 'na1-revoked' });
    const error = await failure(client.listObjects());
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(error.message).toContain('BAD_REFRESH_TOKEN');
    expect(error.message).toContain('clientId, clientSecret and refreshToken');
  });

  it('finishes a run that lasts longer than the token lifetime with every member sent', async () => {
    await start({
      tokenLifetimeSeconds: 1,
      faults: { latencyMs: 300 },
      rateLimit: null,
    });
    const engine = await createEngineHarness({
      knex: inMemoryKnex(),
      connector: hubSpotConnector,
      settings: settings(),
    });
    try {
      const members = Array.from({ length: 500 }, (_, i) => member(i));
      await engine.evaluate(members);
      const sync = await engine.createSync({
        object: LIST,
        identifier: { entityKey: 'email', field: 'email' },
      });
      const started = Date.now();
      const run = await engine.run(sync.id);
      expect(Date.now() - started).toBeGreaterThan(1500);
      expect(run).toMatchObject({
        status: 'succeeded',
        succeeded: 500,
        failed: 0,
      });
      expect(hubspot.members(LIST.id)).toEqual(
        members.map(m => m.keys.email).sort(),
      );
      expect(hubspot.stats().tokensIssued).toBeGreaterThanOrEqual(2);
    } finally {
      await engine.knex.destroy();
    }
  }, 60_000);
});
