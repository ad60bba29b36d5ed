import { createHash } from 'node:crypto';
import { RunningEmulator } from '../framework/types';
import { startGoogleDataManagerEmulator } from './startGoogleDataManagerEmulator';

const TOKEN = 'g-token';
const ACCOUNT = '7693729833';
const sha = (v: string) => createHash('sha256').update(v).digest('hex');

let google: RunningEmulator;

beforeAll(async () => {
  google = await startGoogleDataManagerEmulator({
    accessTokens: [TOKEN],
    accountIds: [ACCOUNT],
    userLists: [
      {
        accountId: ACCOUNT,
        id: '555',
        displayName: 'App users',
        uploadKeyType: 'MOBILE_ID',
      },
    ],
  });
});

beforeEach(() => google.reset());

afterAll(() => google.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
  token = TOKEN,
) {
  const res = await fetch(`${google.url}/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

async function createList(
  displayName = 'High Value',
  uploadKeyType = 'CONTACT_ID',
) {
  const res = await call(
    'POST',
    `/accountTypes/GOOGLE_ADS/accounts/${ACCOUNT}/userLists`,
    {
      displayName,
      ingestedUserListInfo: { uploadKeyTypes: [uploadKeyType] },
    },
  );
  expect(res.status).toBe(200);
  return res.json.id as string;
}

function emailMembers(values: string[]) {
  return values.map(v => ({
    userData: { userIdentifiers: [{ emailAddress: v }] },
  }));
}

function ingestBody(listId: string, audienceMembers: unknown[], extra = {}) {
  return {
    destinations: [
      {
        operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT },
        productDestinationId: listId,
      },
    ],
    audienceMembers,
    encoding: 'HEX',
    termsOfService: { customerMatchTermsOfServiceStatus: 'ACCEPTED' },
    consent: {
      adUserData: 'CONSENT_GRANTED',
      adPersonalization: 'CONSENT_GRANTED',
    },
    ...extra,
  };
}

function violationsOf(json: any) {
  return json.error.details.find((d: any) => d['@type'].endsWith('BadRequest'))
    .fieldViolations;
}

describe('Google Data Manager emulator', () => {
  it('refuses a missing or unknown Bearer token with 401 UNAUTHENTICATED', async () => {
    const res = await call('POST', '/audienceMembers:ingest', {}, 'wrong');
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
    });
    const none = await fetch(`${google.url}/v1/audienceMembers:ingest`, {
      method: 'POST',
    });
    expect(none.status).toBe(401);
  });

  it('creates and lists user lists, paging with tokens', async () => {
    const a = await createList('A');
    const b = await createList('B', 'USER_ID');
    const path = `/accountTypes/GOOGLE_ADS/accounts/${ACCOUNT}/userLists`;
    const first = await call('GET', `${path}?pageSize=2`);
    expect(first.json.userLists.map((l: any) => l.id)).toEqual(['555', a]);
    expect(first.json.userLists[1]).toMatchObject({
      name: `accountTypes/GOOGLE_ADS/accounts/${ACCOUNT}/userLists/${a}`,
      displayName: 'A',
      ingestedUserListInfo: { uploadKeyTypes: ['CONTACT_ID'] },
    });
    const second = await call(
      'GET',
      `${path}?pageSize=2&pageToken=${first.json.nextPageToken}`,
    );
    expect(second.json.userLists.map((l: any) => l.id)).toEqual([b]);
    expect(second.json.nextPageToken).toBeUndefined();
    expect((await call('GET', `${path}/${b}`)).json.displayName).toBe('B');
  });

  it('refuses a duplicate name, a missing key type, and another account', async () => {
    await createList('Dup');
    const path = `/accountTypes/GOOGLE_ADS/accounts/${ACCOUNT}/userLists`;
    const dup = await call('POST', path, {
      displayName: 'Dup',
      ingestedUserListInfo: { uploadKeyTypes: ['CONTACT_ID'] },
    });
    expect(dup.json.error.status).toBe('ALREADY_EXISTS');
    const noType = await call('POST', path, { displayName: 'X' });
    expect(noType.status).toBe(400);
    expect(violationsOf(noType.json)[0].reason).toBe('INVALID_ENUM_VALUE');
    const mobile = await call('POST', path, {
      displayName: 'M',
      ingestedUserListInfo: { uploadKeyTypes: ['MOBILE_ID'] },
    });
    expect(violationsOf(mobile.json)[0].field).toContain('mobile_id_info');
    const other = await call(
      'GET',
      '/accountTypes/GOOGLE_ADS/accounts/1/userLists',
    );
    expect(other.status).toBe(403);
    expect(other.json.error.status).toBe('PERMISSION_DENIED');
  });

  it('accepts ingests and removes, applies them on flush, idempotently', async () => {
    const id = await createList();
    const [a, b, c] = [sha('a@x.io'), sha('b@x.io'), sha('c@x.io')];
    const ingested = await call(
      'POST',
      '/audienceMembers:ingest',
      ingestBody(id, emailMembers([a, b, c])),
    );
    expect(ingested.status).toBe(200);
    expect(ingested.json).toEqual({ requestId: expect.any(String) });
    expect(google.members(id)).toEqual([]);

    await call(
      'POST',
      '/audienceMembers:ingest',
      ingestBody(id, emailMembers([a])),
    );
    await call('POST', '/audienceMembers:remove', {
      destinations: ingestBody(id, []).destinations,
      audienceMembers: emailMembers([b, sha('nobody')]),
      encoding: 'HEX',
    });
    google.flush();
    expect(google.members(id)).toEqual([a, c].sort());
  });

  it('takes BASE64 hashes and raw mobile ids for the matching list types', async () => {
    const id = await createList();
    const hash = createHash('sha256').update('a@x.io');
    const base64 = hash.copy().digest('base64');
    const res = await call(
      'POST',
      '/audienceMembers:ingest',
      ingestBody(id, emailMembers([base64]), { encoding: 'BASE64' }),
    );
    expect(res.status).toBe(200);
    const mobile = await call(
      'POST',
      '/audienceMembers:ingest',
      ingestBody('555', [
        { mobileData: { mobileIds: ['EA7583CD-A667-48BC-B806-42ECB2B48606'] } },
      ]),
    );
    expect(mobile.status).toBe(200);
    google.flush();
    expect(google.members(id)).toEqual([hash.digest('hex')]);
    expect(google.members('555')).toEqual([
      'ea7583cd-a667-48bc-b806-42ecb2b48606',
    ]);
  });

  it('fails the whole request, listing each bad member by index, when hashes are malformed', async () => {
    const id = await createList();
    const res = await call(
      'POST',
      '/audienceMembers:ingest',
      ingestBody(
        id,
        emailMembers([sha('ok'), 'Raw@Example.com', sha('x').toUpperCase()]),
      ),
    );
    expect(res.status).toBe(400);
    expect(res.json.error.status).toBe('INVALID_ARGUMENT');
    expect(violationsOf(res.json)).toEqual([
      {
        field:
          'audience_members[1].user_data.user_identifiers[0].email_address',
        description: 'The SHA256 encoded value is malformed.',
        reason: 'INVALID_SHA256_FORMAT',
      },
      expect.objectContaining({
        field:
          'audience_members[2].user_data.user_identifiers[0].email_address',
      }),
    ]);
    google.flush();
    expect(google.members(id)).toEqual([]);
  });

  it('refuses data the list type does not take, and mixed data types', async () => {
    const id = await createList();
    const res = await call(
      'POST',
      '/audienceMembers:ingest',
      ingestBody(id, [
        ...emailMembers([sha('a')]),
        { userIdData: { userId: 'crm-1' } },
      ]),
    );
    expect(violationsOf(res.json).map((v: any) => [v.field, v.reason])).toEqual(
      [
        ['audience_members[1]', 'INVALID_USER_LIST_TYPE'],
        ['audience_members', 'MULTIPLE_DATA_TYPES_NOT_ALLOWED'],
      ],
    );
  });

  it.each([
    [
      { termsOfService: undefined },
      'terms_of_service',
      'TERMS_AND_CONDITIONS_NOT_SIGNED',
    ],
    [{ encoding: undefined }, 'encoding', 'REQUIRED_FIELD_MISSING'],
    [{ destinations: [] }, 'destinations', 'REQUIRED_FIELD_MISSING'],
    [{ audienceMembers: [] }, 'audience_members', 'REQUIRED_FIELD_MISSING'],
    [
      {
        destinations: [
          {
            operatingAccount: { accountType: 'GOOGLE_ADS', accountId: ACCOUNT },
            productDestinationId: '404',
          },
        ],
      },
      'destinations[0].product_destination_id',
      'INVALID_USER_LIST_ID',
    ],
  ])('refuses an ingest with %p', async (change, field, reason) => {
    const id = await createList();
    const res = await call('POST', '/audienceMembers:ingest', {
      ...ingestBody(id, emailMembers([sha('a')])),
      ...change,
    });
    expect(res.status).toBe(400);
    expect(violationsOf(res.json)).toContainEqual(
      expect.objectContaining({ field, reason }),
    );
  });

  it('refuses an operating account the token cannot use with 403', async () => {
    const id = await createList();
    const body = ingestBody(id, emailMembers([sha('a')]));
    body.destinations[0].operatingAccount.accountId = '999';
    const res = await call('POST', '/audienceMembers:ingest', body);
    expect(res.status).toBe(403);
  });

  it('takes 10,000 members in one request and refuses 10,001 with TOO_MANY_AUDIENCE_MEMBERS', async () => {
    const id = await createList();
    const hashes = Array.from({ length: 10_001 }, (_, i) => sha(`u${i}`));
    const ok = await call(
      'POST',
      '/audienceMembers:ingest',
      ingestBody(id, emailMembers(hashes.slice(0, 10_000))),
    );
    expect(ok.status).toBe(200);
    const tooMany = await call(
      'POST',
      '/audienceMembers:ingest',
      ingestBody(id, emailMembers(hashes)),
    );
    expect(tooMany.status).toBe(400);
    expect(violationsOf(tooMany.json)[0].reason).toBe(
      'TOO_MANY_AUDIENCE_MEMBERS',
    );
    expect(google.stats().rejectedByLimit).toBe(1);
  });

  it('throttles with 429 RESOURCE_EXHAUSTED, its quota and a retry delay', async () => {
    google.setRateLimit({ requests: 1, perSeconds: 60 });
    const path = `/accountTypes/GOOGLE_ADS/accounts/${ACCOUNT}/userLists`;
    await call('GET', path);
    const res = await call('GET', path);
    expect(res.status).toBe(429);
    expect(res.json.error.status).toBe('RESOURCE_EXHAUSTED');
    const info = res.json.error.details.find((d: any) =>
      d['@type'].endsWith('ErrorInfo'),
    );
    expect(info.metadata).toMatchObject({ quota_limit_value: '1' });
    const retry = res.json.error.details.find((d: any) =>
      d['@type'].endsWith('RetryInfo'),
    );
    expect(retry.retryDelay).toMatch(/^(59\.\d+|60)s$/);

    google.advanceClock(60_000);
    expect((await call('GET', path)).status).toBe(200);
  });

  it('injects 503 UNAVAILABLE and CONCURRENT_MODIFICATION as transient errors', async () => {
    google.setFaults({ errorRate: 1, seed: 5 });
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const res = await call(
        'GET',
        `/accountTypes/GOOGLE_ADS/accounts/${ACCOUNT}/userLists`,
      );
      const reason = res.json.error.details[0].reason;
      seen.add(`${res.status} ${res.json.error.status} ${reason}`);
    }
    expect(seen).toEqual(
      new Set([
        '503 UNAVAILABLE INTERNAL_ERROR',
        '409 ABORTED CONCURRENT_MODIFICATION',
      ]),
    );
  });
});
