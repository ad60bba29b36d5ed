import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { DestinationClient } from './connectors';
import {
  DestinationConnectContext,
  createDestinationConnector,
} from './createDestinationConnector';
import { readRequiredString } from './settings/readRequiredString';

const client: DestinationClient = {
  capabilities: {
    supportsAudienceSyncs: true,
    objectLabel: 'List',
    identifierFields: [],
    additionalFields: 'none',
    canCreateObjects: false,
    batchSize: 10,
  },
  listObjects: async () => [],
  prepare: () => ({ ok: false, code: 'unused', reason: 'unused' }),
  applyBatch: async () => ({ rejected: [] }),
};

function acme(create = jest.fn(async () => client)) {
  return {
    create,
    connector: createDestinationConnector({
      type: 'acme',
      label: 'Acme',
      settings: {
        secretKeys: ['apiKey', 'oauth.clientSecret'],
        read: settings => ({
          apiKey: readRequiredString(settings, 'apiKey'),
          region: settings.getOptionalString('region') ?? 'eu',
        }),
      },
      create,
    }),
  };
}

function connect(
  connector: ReturnType<typeof acme>['connector'],
  settings: JsonObject,
) {
  return connector.connect(
    {
      id: 'acme-prod',
      type: 'acme',
      name: 'Acme',
      owner: 'group:default/team',
      settings: new ConfigReader(settings),
    },
    { logger: mockServices.logger.mock() },
  );
}

describe('createDestinationConnector', () => {
  it('is a connector of the type and label, declaring its secret keys', () => {
    const { connector } = acme();
    expect(connector).toMatchObject({
      type: 'acme',
      label: 'Acme',
      secretKeys: ['apiKey', 'oauth.clientSecret'],
    });
  });

  it('creates the client from the settings it read, with the values of the secret settings', async () => {
    const { connector, create } = acme();
    await expect(
      connect(connector, {
        apiKey: ' key-1 ',
        oauth: { clientId: 'app', clientSecret: 'cs-2' },
      }),
    ).resolves.toBe(client);
    const context = (
      create.mock.calls[0] as unknown as [DestinationConnectContext<unknown>]
    )[0];
    expect(context.destination.id).toBe('acme-prod');
    expect(context.settings).toEqual({ apiKey: 'key-1', region: 'eu' });
    expect(context.secrets.sort()).toEqual([' key-1 ', 'cs-2', 'key-1']);
  });

  it('refuses bad settings with the reader error, before creating anything', async () => {
    const { connector, create } = acme();
    await expect(connect(connector, { apiKey: '  ' })).rejects.toThrow(
      /^apiKey: must not be empty$/,
    );
    expect(create).not.toHaveBeenCalled();
  });
});
