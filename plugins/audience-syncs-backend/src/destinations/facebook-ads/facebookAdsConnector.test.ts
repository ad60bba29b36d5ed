import { JsonObject } from '@backstage/types';
import {
  RunningEmulator,
  startFacebookEmulator,
} from '@internal/destination-emulators';
import {
  AudienceMember,
  BatchRequest,
  sha256Hex,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { facebookAdsConnector } from './facebookAdsConnector';
import { testConnector } from '../../__testUtils__/testConnector';

const TOKEN = 'EAAB-unit-test-token';
const ACCOUNT = '1000000000000007';
const AUDIENCE = { id: '23849182047670582', name: 'High Value Customers' };

let fb: RunningEmulator;

beforeAll(async () => {
  fb = await startFacebookEmulator({
    adAccountId: ACCOUNT,
    accessTokens: [TOKEN],
    audiences: [AUDIENCE],
  });
});

beforeEach(() => fb.reset());

afterAll(() => fb.close());

const { connect, connectError, batchError } = testConnector(
  facebookAdsConnector,
  {
    settings: () => ({
      baseUrl: fb.url,
      adAccountId: `act_${ACCOUNT}`,
      accessToken: TOKEN,
    }),
    secrets: [TOKEN],
  },
);

function target(
  entityKey: SyncTarget['identifier']['entityKey'],
  field: string,
): SyncTarget {
  return {
    object: AUDIENCE,
    identifier: { entityKey, field },
    fieldMappings: [],
  };
}

const member = (keys: AudienceMember['keys']): AudienceMember => ({
  memberKey: 'm-1',
  keys,
  fields: { lifetime_value: 10 },
});

function emailBatch(operation: BatchRequest['operation'] = 'add') {
  return {
    operation,
    target: target('email', 'EMAIL'),
    rows: [
      {
        memberKey: 'ada',
        identifier: sha256Hex('ada@example.com'),
        fields: {},
      },
    ],
  };
}

describe('FacebookAdsConnector', () => {
  it('is the facebook-ads type, with Custom Audiences of hashed emails and phones or raw ids', async () => {
    const connector = facebookAdsConnector;
    expect(connector.type).toBe('facebook-ads');
    expect(connector.label).toBe('Facebook Ads');
    const client = await connect();
    expect(client.capabilities).toEqual({
      supportsAudienceSyncs: true,
      objectLabel: 'Custom Audience',
      identifierFields: [
        expect.objectContaining({
          field: 'EMAIL',
          entityKeys: ['email'],
          hashed: true,
        }),
        expect.objectContaining({
          field: 'PHONE',
          entityKeys: ['phone'],
          hashed: true,
        }),
        expect.objectContaining({
          field: 'MADID',
          entityKeys: ['device_id'],
          hashed: false,
        }),
        expect.objectContaining({
          field: 'EXTERN_ID',
          entityKeys: ['user_id'],
          hashed: false,
        }),
      ],
      additionalFields: 'none',
      canCreateObjects: true,
      canReadMembers: false,
      batchSize: 10_000,
      rateLimit: { requests: 190_000, perSeconds: 3600 },
      concurrentBatches: 4,
    });
  });

  describe('settings', () => {
    it.each([
      [{ accessToken: undefined }, /accessToken/],
      [{ accessToken: '  ' }, /^accessToken: /],
      [{ adAccountId: undefined }, /adAccountId/],
      [{ adAccountId: 'acct-12' }, /^adAccountId: /],
      [{ baseUrl: 'ftp://graph.example' }, /^baseUrl: /],
      [{ apiVersion: '25' }, /^apiVersion: /],
      [{ customerFileSource: 'FRIENDS' }, /^customerFileSource: /],
      [{ defaultCountryCallingCode: 'US' }, /^defaultCountryCallingCode: /],
      [{ defaultRegion: 'XX' }, /^defaultRegion: /],
      [
        { defaultRegion: 'IT', defaultCountryCallingCode: 1 },
        /^defaultRegion: IT has the country calling code 39/,
      ],
      [{ timeoutMs: 0 }, /^timeoutMs: /],
    ])('refuses %p, naming the setting', async (change, message) => {
      const error = await connectError(change as JsonObject);
      expect(error.message).toMatch(message);
    });

    it('takes the ad account id with or without act_, as text or a number', async () => {
      for (const adAccountId of [ACCOUNT, `act_${ACCOUNT}`, Number(ACCOUNT)]) {
        const client = await connect({ adAccountId });
        await expect(client.listObjects()).resolves.toEqual([AUDIENCE]);
      }
    });
  });

  describe('prepare', () => {
    it.each([
      [
        'email',
        'EMAIL',
        { email: '  Ada.Lovelace@Example.COM ' },
        sha256Hex('ada.lovelace@example.com'),
      ],
      // Meta keeps Gmail dots: only Google drops them.
      [
        'email',
        'EMAIL',
        { email: 'J.Doe+ads@gmail.com' },
        sha256Hex('j.doe+ads@gmail.com'),
      ],
      [
        'phone',
        'PHONE',
        { phone: '+1 (415) 555-0123' },
        sha256Hex('14155550123'),
      ],
      [
        'phone',
        'PHONE',
        { phone: '+44 (0)20 7946 0958' },
        sha256Hex('442079460958'),
      ],
      [
        'device_id',
        'MADID',
        { device_id: 'EA7583CD-A667-48BC-B806-42ECB2B48606' },
        'ea7583cd-a667-48bc-b806-42ecb2b48606',
      ],
      ['user_id', 'EXTERN_ID', { user_id: '  crm-42 ' }, 'crm-42'],
    ] as const)(
      'sends %s as %s normalized (and hashed where Meta requires)',
      async (entityKey, field, keys, identifier) => {
        const client = await connect();
        expect(client.prepare(member(keys), target(entityKey, field))).toEqual({
          ok: true,
          row: { memberKey: 'm-1', identifier, fields: {} },
        });
      },
    );

    it('reads national phone numbers in the defaultRegion, keeping the zero Italian numbers start with', async () => {
      const client = await connect({ defaultRegion: 'IT' });
      expect(
        client.prepare(
          member({ phone: '06 1234 5678' }),
          target('phone', 'PHONE'),
        ),
      ).toMatchObject({
        ok: true,
        row: { identifier: sha256Hex('390612345678') },
      });
      const legacy = await connect({ defaultCountryCallingCode: 39 });
      expect(
        legacy.prepare(
          member({ phone: '06 1234 5678' }),
          target('phone', 'PHONE'),
        ),
      ).toMatchObject({ row: { identifier: sha256Hex('390612345678') } });
    });

    it('puts defaultCountryCallingCode in front of national phone numbers', async () => {
      const client = await connect({ defaultCountryCallingCode: '+1' });
      expect(
        client.prepare(
          member({ phone: '(415) 555-0123' }),
          target('phone', 'PHONE'),
        ),
      ).toMatchObject({
        ok: true,
        row: { identifier: sha256Hex('14155550123') },
      });
    });

    it.each([
      ['email', 'EMAIL', {}, 'missing_identifier'],
      ['email', 'EMAIL', { email: '  ' }, 'missing_identifier'],
      ['email', 'EMAIL', { email: 'not-an-email' }, 'invalid_email'],
      ['phone', 'PHONE', { phone: '(415) 555-0123' }, 'invalid_phone'],
      ['phone', 'PHONE', { phone: '12' }, 'invalid_phone'],
      ['device_id', 'MADID', { device_id: 'android-123' }, 'invalid_device_id'],
      ['phone', 'EMAIL', { phone: '+14155550123' }, 'unsupported_identifier'],
      ['email', 'FN', { email: 'a@b.co' }, 'unsupported_identifier'],
    ] as const)(
      'refuses %s → %s from %p with %s',
      async (entityKey, field, keys, code) => {
        const client = await connect();
        expect(client.prepare(member(keys), target(entityKey, field))).toEqual({
          ok: false,
          code,
          reason: expect.any(String),
        });
      },
    );
  });

  describe('objects', () => {
    it('creates a Custom Audience and lists it, following the paging cursors', async () => {
      const many = await startFacebookEmulator({
        adAccountId: ACCOUNT,
        accessTokens: [TOKEN],
        audiences: Array.from({ length: 501 }, (_, i) => ({
          id: String(30_000 + i),
          name: `Audience ${i}`,
        })),
      });
      try {
        const client = await connect({ baseUrl: many.url });
        const created = await client.createObject!('Lapsed buyers');
        const listed = await client.listObjects();
        expect(listed).toHaveLength(502);
        expect(listed[0]).toEqual({ id: '30000', name: 'Audience 0' });
        expect(listed).toContainEqual(created);
      } finally {
        await many.close();
      }
    });
    it('offers only customer-list audiences the account may fill: no lookalike, website or shared ones', async () => {
      const mixed = await startFacebookEmulator({
        adAccountId: ACCOUNT,
        accessTokens: [TOKEN],
        audiences: [
          AUDIENCE,
          { id: '41', name: 'Lookalike (US, 1%)', subtype: 'LOOKALIKE' },
          { id: '42', name: 'Website visitors', subtype: 'WEBSITE' },
          { id: '43', name: 'App users', subtype: 'APP' },
          { id: '44', name: 'Shared by an agency', shared: true },
        ],
      });
      try {
        const client = await connect({ baseUrl: mixed.url });
        await expect(client.listObjects()).resolves.toEqual([AUDIENCE]);
      } finally {
        await mixed.close();
      }
    });
  });

  describe('upload sessions', () => {
    const sequence = (number: number, last: boolean) => ({
      id: 'sync-1:7:add',
      number,
      last,
      estimatedRows: 3,
    });

    it('sends the batches of one sequence as one Meta session, ended by its last batch', async () => {
      const client = await connect();
      await expect(
        client.applyBatch({ ...emailBatch(), sequence: sequence(2, true) }),
      ).resolves.toEqual({ rejected: [] });
      await expect(
        client.applyBatch({ ...emailBatch(), sequence: sequence(1, false) }),
      ).resolves.toEqual({ rejected: [] });
      // The emulator refuses a batch after the session's last one, as Meta does: so the session was sent.
      const error = await batchError(client, {
        ...emailBatch(),
        sequence: sequence(3, false),
      });
      expect(error).toMatchObject({ retryable: false });
      expect(error.message).toMatch(/session \d+ ended with batch 2/);
      // Another run's sequence is another session.
      await expect(
        client.applyBatch({
          ...emailBatch(),
          sequence: { ...sequence(3, false), id: 'sync-1:8:add' },
        }),
      ).resolves.toEqual({ rejected: [] });
    });
  });

  describe('applyBatch', () => {
    it('adds and removes the identifiers Meta then holds', async () => {
      const client = await connect();
      const members = ['ada@example.com', 'alan@example.com'].map(
        (email, i) => {
          const prepared = client.prepare(
            { memberKey: `m${i}`, keys: { email }, fields: {} },
            target('email', 'EMAIL'),
          );
          if (!prepared.ok) throw new Error(prepared.reason);
          return prepared.row;
        },
      );
      await client.applyBatch({
        operation: 'add',
        target: target('email', 'EMAIL'),
        rows: members,
      });
      await client.applyBatch({
        operation: 'remove',
        target: target('email', 'EMAIL'),
        rows: members.slice(1),
      });
      fb.flush();
      expect(fb.members(AUDIENCE.id)).toEqual([sha256Hex('ada@example.com')]);
    });

    it('sends nothing for an update: audiences hold no fields', async () => {
      const client = await connect();
      await expect(client.applyBatch(emailBatch('update'))).resolves.toEqual({
        rejected: [],
      });
      expect(fb.stats().requests).toBe(0);
    });

    it('fails for good when the audience is gone', async () => {
      const client = await connect();
      const error = await batchError(client, {
        ...emailBatch(),
        target: {
          ...target('email', 'EMAIL'),
          object: { id: '999', name: 'Deleted' },
        },
      });
      expect(error).toMatchObject({
        code: 'object_not_found',
        retryable: false,
      });
    });

    it('retries transient server errors', async () => {
      fb.setFaults({ errorRate: 1 });
      const error = await batchError(await connect(), emailBatch());
      expect(error).toMatchObject({
        code: 'facebook_unavailable',
        retryable: true,
        throttled: false,
      });
    });

    it('retries requests that time out', async () => {
      fb.setFaults({ timeoutRate: 1 });
      const error = await batchError(
        await connect({ timeoutMs: 200 }),
        emailBatch(),
      );
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
    });

    it('does not retry a cancelled batch', async () => {
      fb.setFaults({ latencyMs: 1000 });
      const controller = new AbortController();
      const pending = batchError(await connect(), {
        ...emailBatch(),
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 50);
      expect(await pending).toMatchObject({
        code: 'aborted',
        retryable: false,
      });
    });

    it('reads the wait from X-Business-Use-Case-Usage when throttled with code 17 and HTTP 429', async () => {
      const strict = await startFacebookEmulator({
        adAccountId: ACCOUNT,
        accessTokens: [TOKEN],
        audiences: [AUDIENCE],
        rateLimit: { requests: 1, perSeconds: 600 },
        throttleCode: 17,
        throttleStatus: 429,
      });
      try {
        const client = await connect({ baseUrl: strict.url });
        await client.applyBatch(emailBatch());
        const error = await batchError(client, emailBatch());
        // One call per 10 minutes: Meta says 10 minutes to regain access.
        expect(error).toMatchObject({
          throttled: true,
          retryable: true,
          retryAfterMs: 600_000,
        });
      } finally {
        await strict.close();
      }
    });

    it('sends appsecret_proof when the app requires it', async () => {
      const secured = await startFacebookEmulator({
        adAccountId: ACCOUNT,
        accessTokens: [TOKEN],
        audiences: [AUDIENCE],
        appSecret: 'app-secret-1',
      });
      try {
        const right = await connect({
          baseUrl: secured.url,
          appSecret: 'app-secret-1',
        });
        await expect(right.applyBatch(emailBatch())).resolves.toEqual({
          rejected: [],
        });
        const wrong = await connect({
          baseUrl: secured.url,
          appSecret: 'another',
        });
        const error = await batchError(wrong, emailBatch());
        expect(error.retryable).toBe(false);
        expect(error.message).toContain('appsecret_proof');
      } finally {
        await secured.close();
      }
    });

    it('says an expired token is the accessToken setting to fix', async () => {
      const expiring = await startFacebookEmulator({
        adAccountId: ACCOUNT,
        accessTokens: [],
        expiredTokens: [TOKEN],
        audiences: [AUDIENCE],
      });
      try {
        const error = await batchError(
          await connect({ baseUrl: expiring.url }),
          emailBatch(),
        );
        expect(error).toMatchObject({ code: 'unauthorized', retryable: false });
        expect(error.message).toMatch(/accessToken setting.*expired/);
      } finally {
        await expiring.close();
      }
    });
  });
});
