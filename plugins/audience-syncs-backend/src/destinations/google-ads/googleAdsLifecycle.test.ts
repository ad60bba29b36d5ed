import {
  RunningEmulator,
  startGoogleDataManagerEmulator,
} from '@internal/destination-emulators';
import {
  AudienceMember,
  sha256Hex,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import {
  createEngineHarness,
  inMemoryKnex,
} from '../../__testUtils__/createEngineHarness';
import { testConnector } from '../../__testUtils__/testConnector';
import { googleAdsConnector } from './googleAdsConnector';

const CLIENT = {
  clientId: 'backstage.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-client-secret',
};
const REFRESH = '1//0g-refresh-token';
const OPERATING = '7693729833';
const MANAGER = '4445556666';
const MANAGED = '8887776666';
const LIST = { id: '7090784486', name: 'High Value Customers' };
const MANAGED_LIST = { id: '7090784499', name: 'Managed list' };

let google: RunningEmulator;

async function start(
  options: Parameters<typeof startGoogleDataManagerEmulator>[0] = {},
) {
  google = await startGoogleDataManagerEmulator({
    accessTokens: [],
    oauthClients: [{ ...CLIENT, refreshTokens: [REFRESH] }],
    accountIds: [OPERATING],
    managerAccounts: { [MANAGER]: [MANAGED] },
    userLists: [
      {
        accountId: OPERATING,
        id: LIST.id,
        displayName: LIST.name,
        uploadKeyType: 'CONTACT_ID',
      },
      {
        accountId: MANAGED,
        id: MANAGED_LIST.id,
        displayName: MANAGED_LIST.name,
        uploadKeyType: 'CONTACT_ID',
      },
    ],
    ...options,
  });
}

afterEach(() => google?.close());

const oauthSettings = (): JsonObject => ({
  baseUrl: google.url,
  tokenUrl: `${google.url}/token`,
  operatingAccountId: OPERATING,
  ...CLIENT,
  refreshToken: REFRESH,
  requestStatusFirstWaitMs: 0,
});

const { connect, connectError, batchError } = testConnector(
  googleAdsConnector,
  {
    settings: oauthSettings,
    secrets: [CLIENT.clientSecret, REFRESH],
  },
);

const target = (object = LIST): SyncTarget => ({
  object,
  identifier: { entityKey: 'email', field: 'emailAddress' },
  fieldMappings: [],
});

const member = (
  i: number,
  fields: Record<string, unknown> = {},
): AudienceMember => ({
  memberKey: `m${String(i).padStart(6, '0')}`,
  keys: { email: `member${i}@example.com` },
  fields,
});

async function rows(
  client: Awaited<ReturnType<typeof connect>>,
  members: AudienceMember[],
  t = target(),
) {
  return members.map(m => {
    const result = client.prepare(m, t);
    if (!result.ok) throw new Error(result.reason);
    return result.row;
  });
}

describe('Google Ads OAuth credentials', () => {
  it('reads clientId, clientSecret and refreshToken, or accessToken, never both', async () => {
    await start();
    expect(googleAdsConnector.secretKeys).toEqual(
      expect.arrayContaining(['accessToken', 'clientSecret', 'refreshToken']),
    );
    expect(
      (await connectError({ refreshToken: undefined } as unknown as JsonObject))
        .message,
    ).toMatch(/^refreshToken: /);
    expect((await connectError({ accessToken: 'ya29.x' })).message).toMatch(
      /^accessToken: /,
    );
    expect(
      (await connectError({ tokenUrl: 'http://tokens.example.com/token' }))
        .message,
    ).toMatch(/^tokenUrl: /);
  });

  it('gets an access token with the refresh token, and a new one when Google says it expired', async () => {
    await start();
    const client = await connect();
    await expect(client.listObjects()).resolves.toEqual([LIST]);
    expect(google.stats().tokensIssued).toBe(1);

    // An hour later by Google's clock: every request with the old token is 401 ACCESS_TOKEN_EXPIRED.
    google.advanceClock(3600_000);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => client.listObjects()),
    );
    expect(answers).toEqual(Array(5).fill([LIST]));
    // One refresh for the five requests that met the expired token.
    expect(google.stats().tokensIssued).toBe(2);
  });

  it('fails for good, naming the settings, when Google refuses the refresh token', async () => {
    await start();
    const client = await connect({ refreshToken: '1//revoked' });
    const error = await batchError(client, {
      operation: 'add',
      target: target(),
      rows: await rows(client, [member(1)]),
    });
    expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
    expect(error.message).toContain('invalid_grant');
    expect(error.message).toContain('clientId, clientSecret and refreshToken');
  });

  it('finishes a run that lasts longer than the token lifetime with every member sent', async () => {
    await start({
      tokenLifetimeSeconds: 1,
      processingMs: 400,
      faults: { latencyMs: 120 },
    });
    const engine = await createEngineHarness({
      knex: inMemoryKnex(),
      connector: googleAdsConnector,
      settings: { ...oauthSettings(), requestStatusFirstWaitMs: 100 },
    });
    try {
      const members = Array.from({ length: 25_000 }, (_, i) => member(i));
      await engine.evaluate(members);
      const sync = await engine.createSync({
        object: LIST,
        identifier: { entityKey: 'email', field: 'emailAddress' },
      });
      const started = Date.now();
      const run = await engine.run(sync.id);
      expect(Date.now() - started).toBeGreaterThan(2000);
      expect(run).toMatchObject({
        status: 'succeeded',
        succeeded: 25_000,
        failed: 0,
      });
      google.flush();
      expect(google.members(LIST.id)).toEqual(
        members.map(m => sha256Hex(m.keys.email!)).sort(),
      );
      expect(google.stats().tokensIssued).toBeGreaterThanOrEqual(3);
      expect(google.stats().byStatus['401'] ?? 0).toBe(0);
    } finally {
      await engine.knex.destroy();
    }
  }, 60_000);
});

describe('Google Ads manager accounts', () => {
  it('reaches an account through its manager only with the login account', async () => {
    await start();
    const managed = { operatingAccountId: MANAGED };
    const without = await connect(managed);
    await expect(without.listObjects()).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(without.createObject!('New list')).rejects.toMatchObject({
      code: 'forbidden',
    });

    const through = await connect({ ...managed, loginAccountId: MANAGER });
    await expect(through.listObjects()).resolves.toEqual([MANAGED_LIST]);
    const created = await through.createObject!('New list');
    const t = target(created);
    await expect(
      through.applyBatch({
        operation: 'add',
        target: t,
        rows: await rows(through, [member(1)], t),
      }),
    ).resolves.toEqual({ rejected: [] });
    google.flush();
    expect(google.members(created.id)).toEqual([
      sha256Hex('member1@example.com'),
    ]);
  });
});

describe('Google Ads request status', () => {
  it('waits while the request is PROCESSING, then commits what succeeded', async () => {
    await start({ processingMs: 300 });
    const client = await connect({ requestStatusFirstWaitMs: 50 });
    const started = Date.now();
    await expect(
      client.applyBatch({
        operation: 'add',
        target: target(),
        rows: await rows(client, [member(1)]),
      }),
    ).resolves.toEqual({ rejected: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('rejects the rows of a request whose records Google failed to process, with its reason', async () => {
    const failing = sha256Hex('member2@example.com');
    await start({
      processingErrors: { [failing]: 'PROCESSING_ERROR_REASON_INVALID_FORMAT' },
    });
    const client = await connect();
    const sent = await rows(client, [member(1), member(2), member(3)]);
    const result = await client.applyBatch({
      operation: 'add',
      target: target(),
      rows: sent,
    });
    expect(result.rejected).toHaveLength(3);
    expect(result.rejected[0]).toMatchObject({
      memberKey: sent[0].memberKey,
      code: 'PROCESSING_ERROR_REASON_INVALID_FORMAT',
      retryable: true,
    });
    expect(result.rejected[0].message).toContain('PARTIAL_SUCCESS');

    const alone = await client.applyBatch({
      operation: 'add',
      target: target(),
      rows: [sent[1]],
    });
    expect(alone.rejected).toEqual([
      expect.objectContaining({
        memberKey: sent[1].memberKey,
        code: 'PROCESSING_ERROR_REASON_INVALID_FORMAT',
        retryable: false,
        message: expect.stringContaining('FAILED'),
      }),
    ]);
  });

  it('counts a request still processing after the checks as sent, with a warning naming it', async () => {
    await start({ processingMs: 3600_000 });
    const logger = mockServices.logger.mock();
    const client = await connect(
      { requestStatusChecks: 3, requestStatusFirstWaitMs: 10 },
      logger,
    );
    const result = await client.applyBatch({
      operation: 'add',
      target: target(),
      rows: await rows(client, [member(1)]),
    });
    expect(result.rejected).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /still processing request \S+ after 3 status checks; its 1 members count as sent/,
      ),
    );
  });
});

describe('Google Ads consent', () => {
  async function sentBody(settings: JsonObject, members: AudienceMember[]) {
    await start();
    const bodies: any[] = [];
    const realFetch = global.fetch;
    const spy = jest
      .spyOn(global, 'fetch')
      .mockImplementation(async (input, init) => {
        if (String(input).includes(':ingest'))
          bodies.push(JSON.parse(String(init?.body)));
        return realFetch(input, init);
      });
    try {
      const client = await connect(settings);
      const prepared = members.map(m => client.prepare(m, target()));
      const ok = prepared.flatMap(p => (p.ok ? [p.row] : []));
      if (ok.length)
        await client.applyBatch({
          operation: 'add',
          target: target(),
          rows: ok,
        });
      return { body: bodies[0], prepared };
    } finally {
      spy.mockRestore();
    }
  }

  it("sends the destination default, and each member's own consent from the attributes", async () => {
    const { body, prepared } = await sentBody(
      {
        adUserDataConsent: 'CONSENT_GRANTED',
        adPersonalizationConsent: 'CONSENT_DENIED',
        adPersonalizationConsentAttribute: 'ads_personalization_ok',
      },
      [
        member(1, { ads_personalization_ok: true }),
        member(2, { ads_personalization_ok: null }),
        member(3, { ads_personalization_ok: 'maybe' }),
      ],
    );
    expect(body.consent).toEqual({
      adUserData: 'CONSENT_GRANTED',
      adPersonalization: 'CONSENT_DENIED',
    });
    expect(body.audienceMembers.map((m: any) => m.consent)).toEqual([
      { adPersonalization: 'CONSENT_GRANTED' },
      undefined,
    ]);
    expect(prepared[2]).toEqual({
      ok: false,
      code: 'invalid_consent',
      reason: expect.stringContaining('ads_personalization_ok'),
    });
  });
});
