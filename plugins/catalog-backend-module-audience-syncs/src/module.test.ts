import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC,
  audienceSyncsServiceRef,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { aDestination, anAudience } from './__testUtils__/fixtures';
import { catalogModuleAudienceSyncs } from './module';

describe('catalogModuleAudienceSyncs', () => {
  it('registers the provider, which publishes with the configured defaults and follows announcements', async () => {
    const addEntityProvider = jest.fn();
    const scheduler = mockServices.scheduler();
    const events = mockServices.events();
    let destinations = [aDestination({ owner: '' })];

    await startTestBackend({
      extensionPoints: [
        [catalogProcessingExtensionPoint, { addEntityProvider }],
      ],
      features: [
        catalogModuleAudienceSyncs,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'https://portal.example.com' },
            catalog: {
              providers: {
                audienceSyncs: {
                  owner: 'group:default/marketing-ops',
                  lifecycle: 'experimental',
                  system: 'audience-syncs',
                  schedule: { frequency: { hours: 1 }, timeout: 'PT5M' },
                },
              },
            },
          },
        }),
        // The test's own scheduler and events service, to run the refresh and announce changes.
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        createServiceFactory({
          service: audienceSyncsServiceRef,
          deps: {},
          factory: () => ({
            listAudiences: async () => [anAudience()],
            listDestinations: async () => destinations,
            createSync: jest.fn(),
            dryRunCreateSync: jest.fn(),
          }),
        }),
      ],
    });

    expect(addEntityProvider).toHaveBeenCalledTimes(1);
    const [[provider]] = addEntityProvider.mock.calls as [[EntityProvider]];
    expect(provider.getProviderName()).toBe('AudienceSyncsEntityProvider');

    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await provider.connect(connection);
    expect(await scheduler.getScheduledTasks()).toEqual([
      expect.objectContaining({ id: 'AudienceSyncsEntityProvider:refresh' }),
    ]);
    await scheduler.triggerTask('AudienceSyncsEntityProvider:refresh');

    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const [[full]] = connection.applyMutation.mock.calls;
    expect(full.type).toBe('full');
    const [audience, destination] = full.entities.map(
      (e: { entity: unknown }) => e.entity,
    );
    expect(audience.spec).toEqual({
      type: 'audience',
      owner: 'group:default/marketing',
      lifecycle: 'experimental',
      system: 'audience-syncs',
    });
    expect(audience.metadata.links[0].url).toBe(
      'https://portal.example.com/audience-syncs?audienceId=high-value-customers',
    );
    expect(destination.spec.owner).toBe('group:default/marketing-ops');

    destinations = [];
    await events.publish({
      topic: AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC,
      eventPayload: {
        audienceIds: ['high-value-customers'],
        destinationIds: [],
      },
    });

    expect(connection.applyMutation).toHaveBeenLastCalledWith({
      type: 'delta',
      added: [],
      removed: [
        {
          entityRef: 'resource:default/destination-facebook-ads',
          locationKey: 'AudienceSyncsEntityProvider',
        },
      ],
    });
  });
});
