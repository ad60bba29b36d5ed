import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { DestinationCapabilities } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { DestinationService } from './DestinationService';

const capabilities = (canCreateObjects: boolean): DestinationCapabilities => ({
  supportsAudienceSyncs: true,
  objectLabel: 'List',
  identifierFields: [
    { field: 'Email', label: 'Email', entityKeys: ['email'], hashed: false },
  ],
  additionalFields: 'none',
  canCreateObjects,
  batchSize: 100,
});

describe('DestinationService', () => {
  let service: DestinationService;
  let lists: InMemoryDestinationConnector;

  beforeEach(async () => {
    lists = new InMemoryDestinationConnector({
      type: 'lists',
      label: 'Lists',
      capabilities: capabilities(true),
      objects: [{ id: 'l1', name: 'Customers' }],
    });
    const fixed = new InMemoryDestinationConnector({
      type: 'fixed',
      label: 'Fixed Lists',
      capabilities: capabilities(false),
      objects: [{ id: 'f1', name: 'Only list' }],
    });
    const destination = (id: string, type: string) => ({
      id,
      type,
      name: `Destination ${id}`,
      owner: 'group:default/crm',
      settings: { token: 'secret-token' },
    });
    const registry = await DestinationRegistry.fromConfig(
      new ConfigReader({
        audienceSyncs: {
          destinations: [
            destination('crm', 'lists'),
            destination('ads', 'fixed'),
          ],
        },
      }),
      { connectors: [lists, fixed], logger: mockServices.logger.mock() },
    );
    service = DestinationService.create({ destinations: registry });
  });

  it('lists destinations with their capabilities, never their settings', () => {
    expect(service.list().map(d => d.id)).toEqual(['crm', 'ads']);
    expect(service.get('crm')).toMatchObject({
      id: 'crm',
      typeLabel: 'Lists',
      capabilities: { canCreateObjects: true },
    });
    expect(JSON.stringify(service.list())).not.toContain('secret-token');
    expect(() => service.get('nope')).toThrow(NotFoundError);
  });

  it("lists a destination's objects and creates one where it can", async () => {
    expect(await service.listObjects('crm')).toEqual([
      { id: 'l1', name: 'Customers' },
    ]);
    const created = await service.createObject('crm', 'Newsletter');
    expect(created.name).toBe('Newsletter');
    expect((await service.listObjects('crm')).map(o => o.name)).toEqual([
      'Customers',
      'Newsletter',
    ]);
    await expect(service.listObjects('nope')).rejects.toThrow(NotFoundError);
  });

  it('refuses to create an object where the destination does not allow it, naming the field', async () => {
    const refusal = service.createObject('ads', 'Newsletter');
    await expect(refusal).rejects.toThrow(InputError);
    await expect(refusal).rejects.toThrow(
      "name: destination 'Destination ads' does not let Backstage create a List; create it in Fixed Lists first",
    );
  });

  it('answers 503 when the vendor cannot list the objects', async () => {
    const failing = DestinationService.create({
      destinations: await DestinationRegistry.fromConfig(
        new ConfigReader({
          audienceSyncs: {
            destinations: [
              {
                id: 'down',
                type: 'down',
                name: 'Down',
                owner: 'group:default/x',
              },
            ],
          },
        }),
        {
          connectors: [
            {
              type: 'down',
              label: 'Down',
              async connect() {
                return {
                  capabilities: capabilities(false),
                  listObjects: async () => {
                    throw new Error('connection refused');
                  },
                  prepare: () => ({ ok: false, code: 'x', reason: 'x' }),
                  applyBatch: async () => ({ rejected: [] }),
                };
              },
            },
          ],
          logger: mockServices.logger.mock(),
        },
      ),
    });
    const answer = failing.listObjects('down');
    await expect(answer).rejects.toThrow(ServiceUnavailableError);
    await expect(answer).rejects.toThrow(
      "Could not list the objects of destination 'Down': connection refused",
    );
  });
});
