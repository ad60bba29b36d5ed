import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { DestinationCapabilities } from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
  DestinationDefinition,
  DestinationError,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { RecordingLogger } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { DestinationRegistry } from './DestinationRegistry';
import { webhookConnector } from './webhook/webhookConnector';

type JsonObject = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const SECRET = 'whsec-registry-3b8e0d-0123456789abcdef';
const API_TOKEN = 'crm-token-91c4f0';

const crmCapabilities: DestinationCapabilities = {
  supportsAudienceSyncs: true,
  objectLabel: 'Segment',
  identifierFields: [
    { field: 'EMAIL', label: 'Email', entityKeys: ['email'], hashed: true },
  ],
  additionalFields: 'none',
  canCreateObjects: false,
  batchSize: 100,
};

/** A connector that needs an `apiToken` and records what it was given. */
class FakeCrmConnector implements DestinationConnector {
  readonly type = 'fake-crm';
  readonly label = 'Fake CRM';
  readonly connected: DestinationConfig[] = [];

  async connect(destination: DestinationConfig): Promise<DestinationClient> {
    destination.settings.getString('apiToken');
    this.connected.push(destination);
    return {
      capabilities: crmCapabilities,
      listObjects: async () => [],
      prepare: () => ({ ok: false, code: 'unused', reason: 'unused' }),
      applyBatch: async () => ({ rejected: [] }),
    };
  }
}

/** A careless connector: it declares `apiToken` secret, then quotes it everywhere. */
const leakyConnector: DestinationConnector = {
  type: 'leaky',
  label: 'Leaky',
  secretKeys: ['apiToken'],
  async connect(destination, { logger }): Promise<DestinationClient> {
    const token = destination.settings.getString('apiToken');
    if (destination.settings.getOptionalBoolean('refuse')) {
      throw new Error(`apiToken: '${token}' is not a token`);
    }
    logger.info(`connecting with ${token}`, { token, nested: [{ token }] });
    const leak = () =>
      new DestinationError({
        message: `refused ${token}`,
        code: 'unauthorized',
        retryable: false,
      });
    return {
      capabilities: crmCapabilities,
      listObjects: async () => {
        throw leak();
      },
      createObject: async () => {
        throw leak();
      },
      prepare: () => ({ ok: false, code: 'invalid', reason: `no ${token}` }),
      applyBatch: async request => ({
        rejected: request.rows.map(row => ({
          memberKey: row.memberKey,
          code: 'invalid',
          message: `row refused for ${token}`,
          retryable: false,
        })),
      }),
    };
  },
};

const webhook = {
  id: 'crm-webhook',
  type: 'webhook',
  name: 'CRM webhook',
  description: 'Pushes audiences to the CRM',
  owner: 'group:default/marketing',
  settings: {
    url: 'https://hooks.example.com/audiences',
    signingSecret: SECRET,
    batchSize: 200,
  },
};

const crm = {
  id: 'fake-crm',
  type: 'fake-crm',
  name: 'Fake CRM',
  owner: 'group:default/growth',
  settings: { apiToken: API_TOKEN },
};

function registry(
  destinations: JsonObject[] | undefined,
  connectors: DestinationConnector[] = [
    webhookConnector,
    new FakeCrmConnector(),
    leakyConnector,
  ],
  logger: LoggerService = mockServices.logger.mock(),
) {
  return DestinationRegistry.fromConfig(
    new ConfigReader(
      destinations === undefined ? {} : { audienceSyncs: { destinations } },
    ),
    { connectors, logger },
  );
}

async function registryError(destinations: JsonObject[]): Promise<Error> {
  const error = await registry(destinations).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).not.toContain(SECRET);
  expect((error as Error).message).not.toContain(API_TOKEN);
  return error as Error;
}

describe('DestinationRegistry', () => {
  it('lists the configured destinations with the label and capabilities of their connector', async () => {
    const destinations = (await registry([webhook, crm])).list();

    expect(destinations).toEqual([
      {
        id: 'crm-webhook',
        type: 'webhook',
        typeLabel: 'Webhook',
        name: 'CRM webhook',
        description: 'Pushes audiences to the CRM',
        owner: 'group:default/marketing',
        capabilities: expect.objectContaining({
          additionalFields: 'any',
          batchSize: 200,
        }),
      },
      {
        id: 'fake-crm',
        type: 'fake-crm',
        typeLabel: 'Fake CRM',
        name: 'Fake CRM',
        description: undefined,
        owner: 'group:default/growth',
        capabilities: crmCapabilities,
      },
    ]);
  });

  it('keeps the settings, and the secrets in them, out of the listed destinations', async () => {
    const destinations = (await registry([webhook, crm])).list();

    for (const destination of destinations) {
      expect(destination).not.toHaveProperty('settings');
    }
    const json = JSON.stringify(destinations);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain(API_TOKEN);
    expect(json).not.toContain('hooks.example.com');
  });

  it('hands each connector the destination with its settings', async () => {
    const fake = new FakeCrmConnector();
    await registry([webhook, crm], [webhookConnector, fake]);

    expect(fake.connected).toHaveLength(1);
    expect(fake.connected[0]).toMatchObject({
      id: 'fake-crm',
      type: 'fake-crm',
      name: 'Fake CRM',
      owner: 'group:default/growth',
    });
    expect(fake.connected[0].settings.getString('apiToken')).toBe(API_TOKEN);
  });

  it('gets a destination together with its connected client', async () => {
    const destinations = await registry([webhook, crm]);

    const found = destinations.get('fake-crm');
    expect(found?.destination.id).toBe('fake-crm');
    expect(found?.client.capabilities).toBe(crmCapabilities);
    expect(destinations.get('crm-webhook')?.client.capabilities.batchSize).toBe(
      200,
    );
    await expect(
      destinations.get('crm-webhook')!.client.listObjects(),
    ).resolves.toEqual([{ id: 'default', name: 'Default' }]);
    expect(destinations.get('unknown')).toBeUndefined();
  });

  it('requires a known destination, and throws NotFoundError for an unknown one', async () => {
    const destinations = await registry([webhook]);

    expect(destinations.require('crm-webhook').destination.name).toBe(
      'CRM webhook',
    );
    expect(() => destinations.require('unknown')).toThrow(NotFoundError);
    expect(() => destinations.require('unknown')).toThrow(/unknown/);
  });

  it('is empty without audienceSyncs.destinations', async () => {
    const destinations = await registry(undefined);

    expect(destinations.list()).toEqual([]);
    expect(destinations.get('crm-webhook')).toBeUndefined();
  });

  it('names the path of a destination whose type has no connector, and the installed types', async () => {
    const error = await registryError([
      webhook,
      { ...crm, id: 'other', type: 'nope' },
    ]);

    expect(error.message).toBe(
      "audienceSyncs.destinations[1].type: no connector for 'nope' (installed: webhook, fake-crm, leaky)",
    );
  });

  it('names the path of a duplicated id', async () => {
    const error = await registryError([
      webhook,
      crm,
      { ...crm, name: 'Fake CRM again' },
    ]);

    expect(error.message).toBe(
      "audienceSyncs.destinations[2].id: 'fake-crm' is used twice",
    );
  });

  it.each([
    'CRM-Webhook',
    'crm_webhook',
    '-crm',
    'crm-',
    'crm--hook',
    'crm webhook',
  ])('names the path of the id %p, which is not kebab-case', async id => {
    const error = await registryError([crm, { ...webhook, id }]);

    expect(error.message).toBe(
      `audienceSyncs.destinations[1].id: '${id}' must be lowercase kebab-case`,
    );
  });

  it('names the path of invalid settings, with the problem the connector found', async () => {
    const error = await registryError([
      {
        ...webhook,
        settings: { ...webhook.settings, url: 'ftp://hooks.example.com' },
      },
    ]);

    expect(error.message).toBe(
      "audienceSyncs.destinations[0].settings: url: 'ftp://hooks.example.com' is not an http(s) URL",
    );
  });

  it('names the path of missing settings', async () => {
    const error = await registryError([
      crm,
      { ...webhook, settings: undefined },
    ]);

    expect(error.message).toMatch(
      /^audienceSyncs\.destinations\[1\]\.settings: /,
    );
    expect(error.message).toContain('url');
  });

  describe('the secret settings a connector declares', () => {
    const leaky = {
      id: 'leaky',
      type: 'leaky',
      name: 'Leaky',
      owner: 'group:default/growth',
      settings: { apiToken: API_TOKEN },
    };

    it('are scrubbed from its settings errors', async () => {
      const error = await registryError([
        { ...leaky, settings: { apiToken: API_TOKEN, refuse: true } },
      ]);
      expect(error.message).toBe(
        "audienceSyncs.destinations[0].settings: apiToken: '[redacted]' is not a token",
      );
    });

    it('are scrubbed from what it logs', async () => {
      const logger = new RecordingLogger();
      await registry([leaky], undefined, logger);
      expect(logger.lines).toEqual([
        'connecting with [redacted] {"token":"[redacted]","nested":[{"token":"[redacted]"}]}',
      ]);
    });

    it("are scrubbed from its client's errors and row reasons", async () => {
      const { client } = (await registry([leaky])).require('leaky');
      const target = {
        object: { id: 'o', name: 'O' },
        identifier: { entityKey: 'email' as const, field: 'EMAIL' },
        fieldMappings: [],
      };
      for (const attempt of [
        () => client.listObjects(),
        () => client.createObject!('VIP'),
      ]) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e as DestinationError,
        );
        expect(error).toBeInstanceOf(DestinationError);
        expect(error).toMatchObject({
          message: 'refused [redacted]',
          code: 'unauthorized',
          retryable: false,
        });
        expect(error!.stack).not.toContain(API_TOKEN);
      }
      expect(
        client.prepare({ memberKey: 'm', keys: {}, fields: {} }, target),
      ).toEqual({ ok: false, code: 'invalid', reason: 'no [redacted]' });
      await expect(
        client.applyBatch({
          operation: 'add',
          target,
          rows: [{ memberKey: 'm', identifier: 'x', fields: {} }],
        }),
      ).resolves.toEqual({
        rejected: [
          {
            memberKey: 'm',
            code: 'invalid',
            message: 'row refused for [redacted]',
            retryable: false,
          },
        ],
      });
    });
  });

  it('names the path of a missing required field', async () => {
    const { owner: _owner, ...withoutOwner } = webhook;
    const error = await registryError([withoutOwner]);

    expect(error.message).toContain('audienceSyncs.destinations[0].owner');
  });
});

describe('DestinationRegistry, with destinations that modules add', () => {
  function registryWith(
    configured: JsonObject[],
    added: DestinationDefinition[],
    connectors: DestinationConnector[] = [
      webhookConnector,
      new FakeCrmConnector(),
    ],
  ) {
    return DestinationRegistry.fromConfig(
      new ConfigReader({ audienceSyncs: { destinations: configured } }),
      { connectors, destinations: added, logger: mockServices.logger.mock() },
    );
  }

  async function refusal(
    configured: JsonObject[],
    added: DestinationDefinition[],
  ): Promise<string> {
    const error = await registryWith(configured, added).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain(SECRET);
    expect((error as Error).message).not.toContain(API_TOKEN);
    return (error as Error).message;
  }

  it('lists them after the configured ones, connected through the connector of their type', async () => {
    const fake = new FakeCrmConnector();
    const destinations = await registryWith(
      [webhook],
      [crm],
      [webhookConnector, fake],
    );

    expect(destinations.list().map(d => [d.id, d.typeLabel])).toEqual([
      ['crm-webhook', 'Webhook'],
      ['fake-crm', 'Fake CRM'],
    ]);
    expect(destinations.require('fake-crm').client.capabilities).toBe(
      crmCapabilities,
    );
    expect(fake.connected[0].settings.getString('apiToken')).toBe(API_TOKEN);
    expect(JSON.stringify(destinations.list())).not.toContain(API_TOKEN);
  });

  it('refuses an id that the config or another module already uses', async () => {
    await expect(
      refusal([crm], [{ ...crm, name: 'Fake CRM again' }]),
    ).resolves.toBe("addDestination('fake-crm').id: 'fake-crm' is used twice");
    await expect(refusal([], [crm, crm])).resolves.toBe(
      "addDestination('fake-crm').id: 'fake-crm' is used twice",
    );
  });

  it('holds them to the checks of a configured destination', async () => {
    await expect(refusal([], [{ ...crm, id: 'Fake CRM' }])).resolves.toBe(
      "addDestination('Fake CRM').id: 'Fake CRM' must be lowercase kebab-case",
    );
    await expect(
      refusal([], [{ ...crm, id: 'other', type: 'nope' }]),
    ).resolves.toBe(
      "addDestination('other').type: no connector for 'nope' (installed: webhook, fake-crm)",
    );
    await expect(
      refusal(
        [],
        [
          {
            ...webhook,
            settings: { ...webhook.settings, url: 'ftp://hooks.example.com' },
          },
        ],
      ),
    ).resolves.toBe(
      "addDestination('crm-webhook').settings: url: 'ftp://hooks.example.com' is not an http(s) URL",
    );
    const withoutSettings = await refusal(
      [],
      [{ ...webhook, settings: undefined }],
    );
    expect(withoutSettings).toMatch(
      /^addDestination\('crm-webhook'\)\.settings: /,
    );
    expect(withoutSettings).toContain('url');
  });
});
