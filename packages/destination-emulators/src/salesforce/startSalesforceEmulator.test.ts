import { RunningEmulator } from '../framework/types';
import { toId18 } from './salesforceIds';
import { soqlString } from './soql';
import { startSalesforceEmulator } from './startSalesforceEmulator';

const TOKEN = 'sf-token';
const V = '/services/data/v67.0';
const ADA = toId18('003Em0000000ADA');
const GRACE_LEAD = toId18('00QEm0000000GRC');
const LOCKED = toId18('003Em0000000LCK');

let salesforce: RunningEmulator;
let seedReads = 0;

beforeAll(async () => {
  salesforce = await startSalesforceEmulator({
    accessTokens: [TOKEN],
    clientCredentials: [{ clientId: 'app', clientSecret: 'app-secret' }],
    org: () => {
      seedReads += 1;
      return {
        contacts: [
          {
            Id: ADA,
            FirstName: 'Ada',
            LastName: 'Lovelace',
            Email: 'Ada@Example.com',
            Customer_Id__c: 'c-1',
          },
          {
            LastName: "O'Brien",
            Email: 'obrien@example.com',
            Customer_Id__c: 'c-2',
          },
          { Id: LOCKED, LastName: 'Locked', Email: 'locked@example.com' },
        ],
        leads: [
          {
            Id: GRACE_LEAD,
            LastName: 'Hopper',
            Company: 'Navy',
            Email: 'grace@example.com',
          },
          {
            LastName: 'Converted',
            Company: 'X',
            Email: 'ada@example.com',
            IsConverted: true,
          },
        ],
        campaigns: [{ Name: 'Spring' }],
      };
    },
    lockedRecordIds: [LOCKED],
    queryBatchSize: 2,
  });
});

beforeEach(() => salesforce.reset());

afterAll(() => salesforce.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
  token = TOKEN,
) {
  const res = await fetch(`${salesforce.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    json: text ? JSON.parse(text) : undefined,
  };
}

const query = (soql: string) =>
  call('GET', `${V}/query?q=${encodeURIComponent(soql)}`);

async function createCampaign(name: string): Promise<string> {
  const res = await call('POST', `${V}/sobjects/Campaign`, { Name: name });
  expect(res.status).toBe(201);
  expect(res.json).toEqual({
    id: expect.stringMatching(/^701/),
    success: true,
    errors: [],
  });
  return res.json.id;
}

function members(campaignId: string, people: string[], extra = {}) {
  return call('POST', `${V}/composite/sobjects`, {
    allOrNone: false,
    records: people.map(id => ({
      attributes: { type: 'CampaignMember' },
      CampaignId: campaignId,
      [id.startsWith('003') ? 'ContactId' : 'LeadId']: id,
    })),
    ...extra,
  });
}

describe('Salesforce emulator', () => {
  it('refuses a wrong Bearer token with 401 INVALID_SESSION_ID, and lists versions without one', async () => {
    const res = await call('GET', `${V}/limits`, undefined, 'wrong');
    expect(res.status).toBe(401);
    expect(res.json).toEqual([
      {
        message: 'Session expired or invalid',
        errorCode: 'INVALID_SESSION_ID',
      },
    ]);
    const versions = await fetch(`${salesforce.url}/services/data/`);
    expect((await versions.json())[0]).toEqual({
      label: 'v67.0',
      url: '/services/data/v67.0',
      version: '67.0',
    });
  });

  it('issues tokens to connected apps by the client-credentials flow, and forgets them on reset', async () => {
    const token = async (secret: string) =>
      fetch(`${salesforce.url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: 'app',
          client_secret: secret,
        }),
      });
    const refused = await token('nope');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    const issued = await (await token('app-secret')).json();
    expect(issued).toMatchObject({
      token_type: 'Bearer',
      instance_url: salesforce.url,
    });
    expect(
      (await call('GET', `${V}/limits`, undefined, issued.access_token)).status,
    ).toBe(200);
    salesforce.reset();
    expect(
      (await call('GET', `${V}/limits`, undefined, issued.access_token)).status,
    ).toBe(401);
  });

  it('finds Contacts by email without regard to case, and by a custom external id', async () => {
    const byEmail = await query(
      `SELECT Id, Email FROM Contact WHERE Email IN ('ada@example.com', ${soqlString(
        "o'brien@example.com",
      )}, 'OBRIEN@example.com')`,
    );
    expect(byEmail.status).toBe(200);
    expect(byEmail.json).toMatchObject({ totalSize: 2, done: true });
    expect(byEmail.json.records[0]).toEqual({
      attributes: { type: 'Contact', url: `${V}/sobjects/Contact/${ADA}` },
      Id: ADA,
      Email: 'Ada@Example.com',
    });
    const byExternalId = await query(
      "SELECT Id FROM Contact WHERE Customer_Id__c = 'c-2'",
    );
    expect(byExternalId.json.records).toHaveLength(1);
    const leads = await query(
      "SELECT Id FROM Lead WHERE Email = 'ada@example.com' AND IsConverted = false",
    );
    expect(leads.json.totalSize).toBe(0);
  });

  it('pages query results through nextRecordsUrl', async () => {
    const first = await query('SELECT Id FROM Contact ORDER BY Email');
    expect(first.json).toMatchObject({ totalSize: 3, done: false });
    expect(first.json.records).toHaveLength(2);
    const second = await call('GET', first.json.nextRecordsUrl);
    expect(second.json).toMatchObject({ totalSize: 3, done: true });
    expect(second.json.records).toHaveLength(1);
    expect(
      (await call('GET', first.json.nextRecordsUrl)).json[0].errorCode,
    ).toBe('INVALID_QUERY_LOCATOR');
  });

  it('answers bad SOQL the Salesforce way', async () => {
    const unknownField = await query('SELECT Id, Nickname FROM Contact');
    expect(unknownField.status).toBe(400);
    expect(unknownField.json[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Nickname'"),
    });
    const malformed = await query(
      "SELECT Id FROM Contact WHERE Email = 'a' AND Email = 'b' OR Email = 'c'",
    );
    expect(malformed.json[0]).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: expect.stringContaining("unexpected token: 'OR'"),
    });
    const badEscape = await query(
      "SELECT Id FROM Contact WHERE Email = 'a\\q'",
    );
    expect(badEscape.json[0].errorCode).toBe('MALFORMED_QUERY');
    const badId = await query(
      "SELECT Id FROM CampaignMember WHERE ContactId = 'nope'",
    );
    expect(badId.json[0].errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect((await query('SELECT Id FROM Account')).json[0].errorCode).toBe(
      'INVALID_TYPE',
    );
  });

  it('creates campaigns, lists them as objects, and finds them by name', async () => {
    const id = await createCampaign('VIP');
    expect(salesforce.objects()).toEqual([
      { id: expect.stringMatching(/^701/), name: 'Spring' },
      { id, name: 'VIP' },
    ]);
    const found = await query("SELECT Id FROM Campaign WHERE Name = 'VIP'");
    expect(found.json.records.map((r: any) => r.Id)).toEqual([id]);
    const nameless = await call('POST', `${V}/sobjects/Campaign`, {});
    expect(nameless.json).toEqual([
      {
        message: 'Required fields are missing: [Name]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Name'],
      },
    ]);
  });

  it('adds CampaignMembers with per-record results in request order, refusing a duplicate with DUPLICATE_VALUE', async () => {
    const campaign = await createCampaign('VIP');
    expect((await members(campaign, [ADA])).json[0].success).toBe(true);
    const res = await members(campaign, [
      GRACE_LEAD,
      ADA,
      toId18('003Em0000000NON'),
    ]);
    expect(res.status).toBe(200);
    expect(res.json).toEqual([
      { id: expect.stringMatching(/^00v/), success: true, errors: [] },
      {
        id: null,
        success: false,
        errors: [
          {
            statusCode: 'DUPLICATE_VALUE',
            message: 'Already a campaign member.',
            fields: [],
          },
        ],
      },
      {
        id: null,
        success: false,
        errors: [
          {
            statusCode: 'INVALID_CROSS_REFERENCE_KEY',
            message: 'invalid cross reference id',
            fields: ['ContactId'],
          },
        ],
      },
    ]);
    expect(salesforce.members(campaign)).toEqual([
      'ada@example.com',
      'grace@example.com',
    ]);
    const found = await query(
      `SELECT Id, ContactId, LeadId, Email, Status FROM CampaignMember WHERE CampaignId = '${campaign}' AND (ContactId IN ('${ADA.slice(
        0,
        15,
      )}') OR LeadId IN ('${GRACE_LEAD}'))`,
    );
    expect(found.json.records).toEqual([
      expect.objectContaining({
        ContactId: ADA,
        LeadId: null,
        Email: 'Ada@Example.com',
        Status: 'Sent',
      }),
      expect.objectContaining({
        ContactId: null,
        LeadId: GRACE_LEAD,
        Email: 'grace@example.com',
      }),
    ]);
  });

  it('rolls back every record of an allOrNone request when one fails', async () => {
    const campaign = await createCampaign('VIP');
    const res = await members(campaign, [ADA, 'not-an-id'], {
      allOrNone: true,
    });
    expect(res.json.map((r: any) => r.errors[0].statusCode)).toEqual([
      'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      'MALFORMED_ID',
    ]);
    expect(salesforce.members(campaign)).toEqual([]);
  });

  it('refuses more than 200 records per collection request with EXCEEDED_ID_LIMIT', async () => {
    const campaign = await createCampaign('VIP');
    const res = await members(campaign, Array(201).fill(ADA));
    expect(res.status).toBe(400);
    expect(res.json).toEqual([
      {
        message:
          'record limit reached. cannot submit more than 200 records into this call',
        errorCode: 'EXCEEDED_ID_LIMIT',
      },
    ]);
    const ids = Array.from({ length: 201 }, () =>
      toId18('00vEm0000000001'),
    ).join(',');
    expect(
      (await call('DELETE', `${V}/composite/sobjects?ids=${ids}`)).json[0]
        .errorCode,
    ).toBe('EXCEEDED_ID_LIMIT');
    expect(salesforce.stats().rejectedByLimit).toBe(2);
    expect(salesforce.members(campaign)).toEqual([]);
  });

  it('deletes members by id, reporting ids it cannot delete per record', async () => {
    const campaign = await createCampaign('VIP');
    const added = await members(campaign, [ADA, GRACE_LEAD]);
    const [first, second] = added.json.map((r: any) => r.id);
    const res = await call(
      'DELETE',
      `${V}/composite/sobjects?ids=${first},bad-id&allOrNone=false`,
    );
    expect(res.json).toEqual([
      { id: first, success: true, errors: [] },
      {
        id: 'bad-id',
        success: false,
        errors: [
          {
            statusCode: 'MALFORMED_ID',
            message: 'malformed id bad-id',
            fields: [],
          },
        ],
      },
    ]);
    const again = await call('DELETE', `${V}/composite/sobjects?ids=${first}`);
    expect(again.json[0].errors[0].statusCode).toBe('ENTITY_IS_DELETED');
    expect(salesforce.members(campaign)).toEqual(['grace@example.com']);
    // Deleting the Lead takes its membership with it.
    expect(
      (await call('DELETE', `${V}/sobjects/Lead/${GRACE_LEAD}`)).status,
    ).toBe(204);
    expect(salesforce.members(campaign)).toEqual([]);
    expect(second).toMatch(/^00v/);
  });

  it('updates Contact and Lead fields through collections, checking names, read-only fields and emails', async () => {
    const campaign = await createCampaign('VIP');
    await members(campaign, [ADA]);
    const res = await call('PATCH', `${V}/composite/sobjects`, {
      allOrNone: false,
      records: [
        {
          attributes: { type: 'Contact' },
          id: ADA,
          Title: 'Countess',
          Customer_Id__c: 'c-9',
          Email: 'ada@lovelace.org',
        },
        {
          attributes: { type: 'Lead' },
          id: GRACE_LEAD,
          Nickname: 'Amazing Grace',
        },
        { attributes: { type: 'Lead' }, id: GRACE_LEAD, Email: 'not an email' },
        { attributes: { type: 'Contact' }, id: ADA, Name: 'Ada' },
        { attributes: { type: 'Contact' }, id: LOCKED, Title: 'x' },
        { attributes: { type: 'Contact' }, Title: 'x' },
      ],
    });
    expect(
      res.json.map((r: any) => (r.success ? 'ok' : r.errors[0].statusCode)),
    ).toEqual([
      'ok',
      'INVALID_FIELD',
      'INVALID_EMAIL_ADDRESS',
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'UNABLE_TO_LOCK_ROW',
      'MISSING_ARGUMENT',
    ]);
    const ada = await call('GET', `${V}/sobjects/Contact/${ADA}`);
    expect(ada.json).toMatchObject({
      Title: 'Countess',
      Customer_Id__c: 'c-9',
      Name: 'Ada Lovelace',
    });
    // The membership reads back under the new email.
    expect(salesforce.members(campaign)).toEqual(['ada@lovelace.org']);
  });

  it('refuses member writes on locked records with UNABLE_TO_LOCK_ROW', async () => {
    const campaign = await createCampaign('VIP');
    const res = await members(campaign, [LOCKED, ADA]);
    expect(res.json[0].errors[0]).toMatchObject({
      statusCode: 'UNABLE_TO_LOCK_ROW',
    });
    expect(res.json[1].success).toBe(true);
  });

  it('throttles with 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent, reporting usage', async () => {
    salesforce.setRateLimit({ requests: 2, perSeconds: 86_400 });
    const ok = await call('GET', `${V}/limits`);
    expect(ok.json.DailyApiRequests).toEqual({ Max: 2, Remaining: 1 });
    expect(ok.headers.get('sforce-limit-info')).toBe('api-usage=1/2');
    await call('GET', `${V}/limits`);
    const throttled = await call('GET', `${V}/limits`);
    expect(throttled.status).toBe(403);
    expect(throttled.json).toEqual([
      {
        message: 'TotalRequests Limit exceeded.',
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
      },
    ]);
    expect(throttled.headers.get('sforce-limit-info')).toBe('api-usage=2/2');
    expect(throttled.headers.get('retry-after')).toBeNull();
    salesforce.advanceClock(43_200_000);
    expect((await call('GET', `${V}/limits`)).status).toBe(200);
  });

  it('answers injected faults with SERVER_UNAVAILABLE, UNKNOWN_EXCEPTION or UNABLE_TO_LOCK_ROW', async () => {
    salesforce.setFaults({ errorRate: 1, seed: 5 });
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const res = await call('GET', `${V}/limits`);
      seen.add(`${res.status} ${res.json[0].errorCode}`);
    }
    expect([...seen].sort()).toEqual([
      '400 UNABLE_TO_LOCK_ROW',
      '500 UNKNOWN_EXCEPTION',
      '503 SERVER_UNAVAILABLE',
    ]);
  });

  it('serves only the API versions it knows, and collections from v42.0', async () => {
    expect((await call('GET', '/services/data/v99.0/limits')).status).toBe(404);
    const old = await call('POST', '/services/data/v41.0/composite/sobjects', {
      records: [],
    });
    expect(old.json).toEqual([
      {
        message: 'The requested resource does not exist',
        errorCode: 'NOT_FOUND',
      },
    ]);
    expect((await call('GET', `${V}/nowhere`)).status).toBe(404);
  });

  it('reads a seed source that has nothing yet again at each request, until it has the records', async () => {
    let ready = false;
    const late = await startSalesforceEmulator({
      accessTokens: [TOKEN],
      org: () =>
        ready
          ? { contacts: [{ LastName: 'Late', Email: 'late@example.com' }] }
          : undefined,
    });
    try {
      const ask = () =>
        fetch(
          `${late.url}${V}/query?q=${encodeURIComponent(
            'SELECT Id FROM Contact',
          )}`,
          {
            headers: { authorization: `Bearer ${TOKEN}` },
          },
        ).then(res => res.json());
      expect((await ask()).totalSize).toBe(0);
      ready = true;
      expect((await ask()).totalSize).toBe(1);
    } finally {
      await late.close();
    }
  });

  it('goes back to the seeded org on reset, reading the seed again', async () => {
    const before = seedReads;
    await createCampaign('Gone');
    salesforce.reset();
    expect(seedReads).toBe(before + 1);
    expect(salesforce.objects().map(o => o.name)).toEqual(['Spring']);
  });
});
