import { JsonObject } from '@backstage/types';
import {
  RunningEmulator,
  startGoogleDataManagerEmulator,
} from '@internal/destination-emulators';
import {
  AudienceMember,
  BatchRequest,
  DestinationClient,
  DestinationError,
  PreparedRow,
  sha256Hex,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { googleAdsConnector } from './googleAdsConnector';
import { testConnector } from '../../__testUtils__/testConnector';

const TOKEN = 'ya29.unit-test-token';
const ACCOUNT = '7693729833';
const CONTACTS = { id: '7090784486', name: 'High Value Customers' };
const APP_USERS = { id: '7090784487', name: 'App users' };

let google: RunningEmulator;

beforeAll(async () => {
  google = await startGoogleDataManagerEmulator({
    accessTokens: [TOKEN],
    accountIds: [ACCOUNT],
    // The login account of the settings test manages the account too.
    managerAccounts: { '1112223333': [ACCOUNT] },
    userLists: [
      {
        accountId: ACCOUNT,
        id: CONTACTS.id,
        displayName: CONTACTS.name,
        uploadKeyType: 'CONTACT_ID',
      },
      {
        accountId: ACCOUNT,
        id: APP_USERS.id,
        displayName: APP_USERS.name,
        uploadKeyType: 'MOBILE_ID',
      },
    ],
  });
});

beforeEach(() => google.reset());

afterAll(() => google.close());

const { connect, connectError, batchError } = testConnector(
  googleAdsConnector,
  {
    settings: () => ({
      baseUrl: google.url,
      operatingAccountId: ACCOUNT,
      accessToken: TOKEN,
      requestStatusFirstWaitMs: 0,
    }),
    secrets: [TOKEN],
  },
);

function target(
  entityKey: SyncTarget['identifier']['entityKey'],
  field: string,
  object = CONTACTS,
): SyncTarget {
  return { object, identifier: { entityKey, field }, fieldMappings: [] };
}

const member = (keys: AudienceMember['keys']): AudienceMember => ({
  memberKey: 'm-1',
  keys,
  fields: {},
});

function prepareAll(
  client: DestinationClient,
  t: SyncTarget,
  values: string[],
): PreparedRow[] {
  return values.map((value, i) => {
    const result = client.prepare(
      {
        memberKey: `m${i}`,
        keys: { [t.identifier.entityKey]: value },
        fields: {},
      },
      t,
    );
    if (!result.ok) throw new Error(result.reason);
    return result.row;
  });
}

function emailBatch(): BatchRequest {
  return {
    operation: 'add',
    target: target('email', 'emailAddress'),
    rows: [
      {
        memberKey: 'ada',
        identifier: sha256Hex('ada@example.com'),
        fields: {},
      },
    ],
  };
}

describe('GoogleAdsConnector', () => {
  it('is the google-ads type, with Customer Match lists of hashed contacts or raw ids', async () => {
    const connector = googleAdsConnector;
    expect(connector.type).toBe('google-ads');
    expect(connector.label).toBe('Google Ads');
    const client = await connect();
    expect(client.capabilities).toEqual({
      supportsAudienceSyncs: true,
      objectLabel: 'Customer Match List',
      identifierFields: [
        expect.objectContaining({
          field: 'emailAddress',
          entityKeys: ['email'],
          hashed: true,
        }),
        expect.objectContaining({
          field: 'phoneNumber',
          entityKeys: ['phone'],
          hashed: true,
        }),
        expect.objectContaining({
          field: 'mobileId',
          entityKeys: ['device_id'],
          hashed: false,
        }),
        expect.objectContaining({
          field: 'userId',
          entityKeys: ['user_id'],
          hashed: false,
        }),
      ],
      additionalFields: 'none',
      canCreateObjects: true,
      canReadMembers: false,
      batchSize: 10_000,
      rateLimit: { requests: 300, perSeconds: 60 },
    });
  });

  describe('settings', () => {
    it.each([
      [{ accessToken: undefined }, /accessToken/],
      [{ operatingAccountId: undefined }, /operatingAccountId/],
      [{ operatingAccountId: '123-456' }, /^operatingAccountId: /],
      [{ loginAccountId: 'mcc' }, /^loginAccountId: /],
      [{ baseUrl: 'datamanager.googleapis.com' }, /^baseUrl: /],
      [{ adUserDataConsent: 'YES' }, /^adUserDataConsent: /],
      [{ listUploadKeyType: 'CRM_ID' }, /^listUploadKeyType: /],
      [{ listUploadKeyType: 'MOBILE_ID' }, /mobileAppId/],
      [
        {
          listUploadKeyType: 'MOBILE_ID',
          mobileAppId: 'com.acme',
          mobileKeySpace: 'WEB',
        },
        /^mobileKeySpace: /,
      ],
      [{ defaultCountryCallingCode: '0' }, /^defaultCountryCallingCode: /],
      [{ defaultRegion: 'Italy' }, /^defaultRegion: /],
      [{ timeoutMs: 1.5 }, /^timeoutMs: /],
    ])('refuses %p, naming the setting', async (change, message) => {
      const error = await connectError(change as JsonObject);
      expect(error.message).toMatch(message);
    });

    it('takes customer ids with dashes or as numbers', async () => {
      for (const operatingAccountId of ['769-372-9833', Number(ACCOUNT)]) {
        const client = await connect({
          operatingAccountId,
          loginAccountId: '111-222-3333',
        });
        await expect(client.listObjects()).resolves.toHaveLength(2);
      }
    });
  });

  describe('prepare', () => {
    it.each([
      [
        'email',
        'emailAddress',
        { email: ' Ada.Lovelace@Example.COM ' },
        sha256Hex('ada.lovelace@example.com'),
      ],
      // Gmail ignores dots and +suffix, so Google matches without them.
      [
        'email',
        'emailAddress',
        { email: 'J.Doe+ads@GoogleMail.com' },
        sha256Hex('jdoe@googlemail.com'),
      ],
      [
        'phone',
        'phoneNumber',
        { phone: '+1 (415) 555-0123' },
        sha256Hex('+14155550123'),
      ],
      [
        'device_id',
        'mobileId',
        { device_id: 'EA7583CD-A667-48BC-B806-42ECB2B48606' },
        'ea7583cd-a667-48bc-b806-42ecb2b48606',
      ],
      ['user_id', 'userId', { user_id: ' crm-42 ' }, 'crm-42'],
    ] as const)(
      'sends %s as %s normalized (and hashed where Google requires)',
      async (entityKey, field, keys, identifier) => {
        const client = await connect();
        expect(client.prepare(member(keys), target(entityKey, field))).toEqual({
          ok: true,
          row: { memberKey: 'm-1', identifier, fields: {} },
        });
      },
    );

    it('reads national phone numbers in the defaultRegion, keeping the zero Italian numbers start with', async () => {
      const client = await connect({ defaultRegion: 'it' });
      expect(
        client.prepare(
          member({ phone: '06 1234 5678' }),
          target('phone', 'phoneNumber'),
        ),
      ).toMatchObject({
        ok: true,
        row: { identifier: sha256Hex('+390612345678') },
      });
    });

    it('puts defaultCountryCallingCode in front of national phone numbers', async () => {
      const client = await connect({ defaultCountryCallingCode: 44 });
      expect(
        client.prepare(
          member({ phone: '020 7946 0958' }),
          target('phone', 'phoneNumber'),
        ),
      ).toMatchObject({
        ok: true,
        row: { identifier: sha256Hex('+442079460958') },
      });
    });

    it.each([
      ['email', 'emailAddress', {}, 'missing_identifier'],
      ['email', 'emailAddress', { email: '+ads@gmail.com' }, 'invalid_email'],
      ['phone', 'phoneNumber', { phone: '555-0123' }, 'invalid_phone'],
      [
        'device_id',
        'mobileId',
        { device_id: '00000000-0000-0000-0000-000000000000' },
        'invalid_device_id',
      ],
      ['user_id', 'emailAddress', { user_id: 'u1' }, 'unsupported_identifier'],
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
    it('creates a contact list and lists the account lists, page by page', async () => {
      const client = await connect();
      const created = await client.createObject!('Lapsed buyers');
      expect(await client.listObjects()).toEqual([
        CONTACTS,
        APP_USERS,
        created,
      ]);

      const many = await startGoogleDataManagerEmulator({
        accessTokens: [TOKEN],
        accountIds: [ACCOUNT],
        userLists: Array.from({ length: 1001 }, (_, i) => ({
          accountId: ACCOUNT,
          id: String(1000 + i),
          displayName: `List ${i}`,
          uploadKeyType: 'CONTACT_ID' as const,
        })),
      });
      try {
        const paged = await connect({ baseUrl: many.url });
        expect(await paged.listObjects()).toHaveLength(1001);
      } finally {
        await many.close();
      }
    });

    it('creates mobile-id lists for its app when configured to, and fills them with device ids', async () => {
      const client = await connect({
        listUploadKeyType: 'MOBILE_ID',
        mobileAppId: 'com.acme.shop',
        mobileKeySpace: 'ANDROID',
      });
      const list = await client.createObject!('Android shoppers');
      const t = target('device_id', 'mobileId', list);
      const rows = prepareAll(client, t, [
        '6032D997-3AB0-4DE0-AA16-8AF0E5B482FB',
      ]);
      await expect(
        client.applyBatch({ operation: 'add', target: t, rows }),
      ).resolves.toEqual({ rejected: [] });
      google.flush();
      expect(google.members(list.id)).toEqual([
        '6032d997-3ab0-4de0-aa16-8af0e5b482fb',
      ]);
    });

    it('says why a second list with the same name cannot be created', async () => {
      const client = await connect();
      const error = await client.createObject!(CONTACTS.name).then(
        () => undefined,
        (e: unknown) => e as DestinationError,
      );
      expect(error).toMatchObject({ retryable: false });
      expect(error!.message).toContain('already exists');
    });
  });

  describe('applyBatch', () => {
    it('ingests and removes the hashed identifiers Google then holds', async () => {
      const client = await connect({
        adUserDataConsent: 'CONSENT_GRANTED',
        adPersonalizationConsent: 'CONSENT_DENIED',
      });
      const t = target('phone', 'phoneNumber');
      const rows = prepareAll(client, t, [
        '+1 415 555 0123',
        '+44 20 7946 0958',
      ]);
      await client.applyBatch({ operation: 'add', target: t, rows });
      await client.applyBatch({
        operation: 'remove',
        target: t,
        rows: rows.slice(1),
      });
      google.flush();
      expect(google.members(CONTACTS.id)).toEqual([sha256Hex('+14155550123')]);
    });

    it('rejects every row when the list does not take the mapped identifier', async () => {
      const client = await connect();
      const t = target('user_id', 'userId');
      const rows = prepareAll(client, t, ['crm-1', 'crm-2']);
      const result = await client.applyBatch({
        operation: 'add',
        target: t,
        rows,
      });
      expect(result.rejected).toEqual([
        expect.objectContaining({
          memberKey: 'm0',
          code: 'INVALID_USER_LIST_TYPE',
          retryable: false,
        }),
        expect.objectContaining({
          memberKey: 'm1',
          code: 'INVALID_USER_LIST_TYPE',
          retryable: false,
        }),
      ]);
    });

    it('fails the batch for good when the list does not exist', async () => {
      const error = await batchError(await connect(), {
        ...emailBatch(),
        target: target('email', 'emailAddress', { id: '404', name: 'Gone' }),
      });
      expect(error).toMatchObject({
        code: 'invalid_request',
        retryable: false,
      });
      expect(error.message).toContain('INVALID_USER_LIST_ID');
    });

    it('fails for good when the token may not use the account', async () => {
      const error = await batchError(
        await connect({ operatingAccountId: '111-111-1111' }),
        emailBatch(),
      );
      expect(error).toMatchObject({ code: 'forbidden', retryable: false });
      expect(error.message).toContain('operatingAccountId');
    });

    it('retries 503 UNAVAILABLE and CONCURRENT_MODIFICATION', async () => {
      google.setFaults({ errorRate: 1, seed: 5 });
      const client = await connect();
      const codes = new Set<string>();
      for (let i = 0; i < 8; i++) {
        const error = await batchError(client, emailBatch());
        expect(error).toMatchObject({ retryable: true, throttled: false });
        codes.add(error.code);
      }
      expect(codes).toEqual(
        new Set(['google_unavailable', 'concurrent_modification']),
      );
    });

    it('retries requests that time out, and does not retry cancelled ones', async () => {
      google.setFaults({ timeoutRate: 1 });
      const timedOut = await batchError(
        await connect({ timeoutMs: 200 }),
        emailBatch(),
      );
      expect(timedOut).toMatchObject({ code: 'timeout', retryable: true });

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

    it('keeps the access token out of the error of a request that could not be sent', async () => {
      // A token pasted with a line break in it: fetch refuses the header and quotes its value.
      const token = `${TOKEN}\nrest-of-the-token`;
      const client = await connect({ accessToken: token });
      const error = await batchError(client, emailBatch());
      expect(error.message).not.toContain('rest-of-the-token');
      expect(error).toMatchObject({ retryable: false, throttled: false });
      expect(google.stats().requests).toBe(0);
    });

    it('sends nothing for an update: lists hold no fields', async () => {
      const client = await connect();
      await expect(
        client.applyBatch({ ...emailBatch(), operation: 'update' }),
      ).resolves.toEqual({ rejected: [] });
      expect(google.stats().requests).toBe(0);
    });
  });
});
