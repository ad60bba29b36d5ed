import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC } from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  createFixtures,
  destinationsConfig,
} from '../__testUtils__/startAudienceSyncsTestBackend';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { SnapshotStore } from '../database/SnapshotStore';
import { DestinationRegistry } from '../destinations/DestinationRegistry';
import { announceDefinitionsAtStartup } from './announceDefinitionsAtStartup';

describe('announceDefinitionsAtStartup', () => {
  async function announce() {
    const { source, ads, crm, analytics } = createFixtures();
    const audiences = await AudienceCatalog.create({
      sources: [source],
      // Listing definitions reads no snapshot.
      store: {} as SnapshotStore,
    });
    const destinations = await DestinationRegistry.fromConfig(
      new ConfigReader({
        audienceSyncs: {
          destinations: destinationsConfig.filter(d => d.type !== 'webhook'),
        },
      }),
      { connectors: [ads, crm, analytics], logger: mockServices.logger.mock() },
    );
    const lifecycle = mockServices.lifecycle.mock();
    const events = mockServices.events.mock();
    const logger = mockServices.logger.mock();
    announceDefinitionsAtStartup({
      events,
      lifecycle,
      logger,
      audiences,
      destinations,
    });
    expect(lifecycle.addStartupHook).toHaveBeenCalledTimes(1);
    const [[startupHook]] = lifecycle.addStartupHook.mock.calls;
    return { startupHook, events, logger };
  }

  it('publishes the audience and destination ids once the plugin has started', async () => {
    const { startupHook, events } = await announce();
    expect(events.publish).not.toHaveBeenCalled();

    await startupHook();

    expect(events.publish).toHaveBeenCalledTimes(1);
    expect(events.publish).toHaveBeenCalledWith({
      topic: AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC,
      eventPayload: {
        audienceIds: [
          'loyal-customers',
          'empty-audience',
          'broken-audience',
          'app-users',
        ],
        destinationIds: ['ads', 'crm', 'analytics'],
      },
    });
  });

  it('logs a failed publish without failing the startup', async () => {
    const { startupHook, events, logger } = await announce();
    events.publish.mockRejectedValue(new Error('events backend down'));

    await expect(startupHook()).resolves.toBeUndefined();

    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events backend down'),
    );
  });
});
