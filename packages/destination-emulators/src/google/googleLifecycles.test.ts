import { createHash } from 'node:crypto';
import { RunningEmulator } from '../framework/types';
import { startGoogleDataManagerEmulator } from './startGoogleDataManagerEmulator';

const CLIENT = { clientId: 'client.apps', clientSecret: 'GOCSPX-secret' };
const REFRESH = '1//refresh';
const ACCOUNT = '1112223333';
const MANAGER = '9998887777';
const MANAGED = '5554443333';
const sha = (v: string) => createHash('sha256').update(v).digest('hex');

let google: RunningEmulator;

beforeAll(async () => {
  google = await startGoogleDataManagerEmulator({
    accessTokens: ['fixed-token'],
    oauthClients: [{ ...CLIENT, refreshTokens: [REFRESH] }],
    tokenLifetimeSeconds: 3599,
    accountIds: [ACCOUNT],
    managerAccounts: { [MANAGER]: [MANAGED] },
    userLists: [
      {
        accountId: ACCOUNT,
        id: '1',
        displayName: 'Own',
        uploadKeyType: 'CONTACT_ID',
      },
      {
        accountId: MANAGED,
        id: '2',
        displayName: 'Managed',
        uploadKeyType: 'CONTACT_ID',
      },
    ],
    processingMs: 1000,
    processingErrors: {
      [sha('bad@x.io')]: 'PROCESSING_ERROR_REASON_INVALID_FORMAT',
    },
  });
});

beforeEach(() => google.reset());
afterAll(() => google.close());

async function token(form: Record<string, string>) {
  const res = await fetch(`${google.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, json: await res.json() };
}

async function call(
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
) {
  const res = await fetch(`${google.url}/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${options.token ?? 'fixed-token'}`,
      'content-type': 'application/json',
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: res.status, json: await res.json() };
}

function ingest(
  listId: string,
  accountId: string,
  emails: string[],
  extra: Record<string, unknown> = {},
) {
  return {
    destinations: [
      {
        operatingAccount: { accountType: 'GOOGLE_ADS', accountId },
        productDestinationId: listId,
        ...extra,
      },
    ],
    audienceMembers: emails.map(e => ({
      userData: { userIdentifiers: [{ emailAddress: sha(e) }] },
    })),
    encoding: 'HEX',
    termsOfService: { customerMatchTermsOfServiceStatus: 'ACCEPTED' },
  };
}

describe('Google emulator token endpoint', () => {
  it('exchanges a refresh token for an access token that expires after its lifetime', async () => {
    const granted = await token({
      grant_type: 'refresh_token',
      refresh_token: REFRESH,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect(granted).toEqual({
      status: 200,
      json: {
        access_token: expect.stringMatching(/^ya29\./),
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/datamanager',
        token_type: 'Bearer',
      },
    });
    const path = `/accountTypes/GOOGLE_ADS/accounts/${ACCOUNT}/userLists`;
    expect(
      (await call('GET', path, { token: granted.json.access_token })).status,
    ).toBe(200);
    google.advanceClock(3599_000);
    const expired = await call('GET', path, {
      token: granted.json.access_token,
    });
    expect(expired.status).toBe(401);
    expect(expired.json.error.details[0].reason).toBe('ACCESS_TOKEN_EXPIRED');
    expect((await call('GET', path)).status).toBe(200);
    expect(google.stats().tokensIssued).toBe(1);
  });

  it('answers invalid_client and invalid_grant as Google does', async () => {
    expect(
      await token({
        grant_type: 'refresh_token',
        refresh_token: REFRESH,
        client_id: 'nobody',
        client_secret: 'x',
      }),
    ).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
    expect(
      await token({
        grant_type: 'refresh_token',
        refresh_token: '1//other',
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      }),
    ).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect(
      await token({
        grant_type: 'client_credentials',
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      }),
    ).toMatchObject({ status: 400, json: { error: 'unsupported_grant_type' } });
  });
});

describe('Google emulator manager accounts', () => {
  it('answers PERMISSION_DENIED for a managed account without the login-account of its manager', async () => {
    const path = `/accountTypes/GOOGLE_ADS/accounts/${MANAGED}/userLists`;
    expect((await call('GET', path)).json.error.status).toBe(
      'PERMISSION_DENIED',
    );
    const other = {
      'login-account': `accountTypes/GOOGLE_ADS/accounts/${ACCOUNT}`,
    };
    expect((await call('GET', path, { headers: other })).status).toBe(403);
    const through = {
      'login-account': `accountTypes/GOOGLE_ADS/accounts/${MANAGER}`,
    };
    expect(
      (await call('GET', path, { headers: through })).json.userLists,
    ).toHaveLength(1);
    expect(
      (await call('GET', path, { headers: { 'login-account': MANAGER } }))
        .status,
    ).toBe(400);

    expect(
      (
        await call('POST', '/audienceMembers:ingest', {
          body: ingest('2', MANAGED, ['a@x.io']),
        })
      ).status,
    ).toBe(403);
    const accepted = await call('POST', '/audienceMembers:ingest', {
      body: ingest('2', MANAGED, ['a@x.io'], {
        loginAccount: { accountType: 'GOOGLE_ADS', accountId: MANAGER },
      }),
    });
    expect(accepted.status).toBe(200);
  });
});

describe('Google emulator request status', () => {
  it('reports PROCESSING, then per destination the records that failed, which are not applied', async () => {
    const accepted = await call('POST', '/audienceMembers:ingest', {
      body: ingest('1', ACCOUNT, ['a@x.io', 'bad@x.io']),
    });
    const status = () =>
      call(
        'GET',
        `/requestStatus:retrieve?requestId=${accepted.json.requestId}`,
      );
    expect((await status()).json.requestStatusPerDestination).toEqual([
      {
        destination: expect.objectContaining({ productDestinationId: '1' }),
        requestStatus: 'PROCESSING',
      },
    ]);
    google.advanceClock(1000);
    expect((await status()).json.requestStatusPerDestination[0]).toMatchObject({
      requestStatus: 'PARTIAL_SUCCESS',
      errorInfo: {
        errorCounts: [
          {
            recordCount: '1',
            reason: 'PROCESSING_ERROR_REASON_INVALID_FORMAT',
          },
        ],
      },
      audienceMembersIngestionStatus: {
        userDataIngestionStatus: { recordCount: '2', userIdentifierCount: '2' },
      },
    });
    google.flush();
    expect(google.members('1')).toEqual([sha('a@x.io')]);
    expect(
      (await call('GET', '/requestStatus:retrieve?requestId=nope')).status,
    ).toBe(404);
  });

  it('refuses consent values that are not a ConsentStatus, per member too', async () => {
    const body = ingest('1', ACCOUNT, ['a@x.io', 'b@x.io']) as any;
    body.consent = { adUserData: 'CONSENT_GRANTED' };
    body.audienceMembers[1].consent = { adPersonalization: 'YES' };
    const refused = await call('POST', '/audienceMembers:ingest', { body });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details[1].fieldViolations).toEqual([
      expect.objectContaining({
        field: 'audience_members[1].consent.ad_personalization',
        reason: 'INVALID_ENUM_VALUE',
      }),
    ]);
    body.audienceMembers[1].consent = { adPersonalization: 'CONSENT_DENIED' };
    expect(
      (await call('POST', '/audienceMembers:ingest', { body })).status,
    ).toBe(200);
  });
});
