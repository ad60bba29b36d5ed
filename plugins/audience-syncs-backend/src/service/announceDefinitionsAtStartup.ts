import { LifecycleService, LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC,
  AudienceSyncsDefinitionsChangedPayload,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { DestinationRegistry } from '../destinations/DestinationRegistry';

/**
 * Announces the audiences and destinations on the events service once the plugin has started, so the catalog
 * module publishes their entities without waiting for its next scheduled refresh. Definitions are read at
 * startup and fixed until the next one, so this is the only moment they change. A startup hook, not init:
 * subscribers read the plugin's API, which answers only from then on.
 */
export function announceDefinitionsAtStartup(options: {
  events: EventsService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  audiences: AudienceCatalog;
  destinations: DestinationRegistry;
}): void {
  const { events, lifecycle, logger, audiences, destinations } = options;
  lifecycle.addStartupHook(async () => {
    const eventPayload: AudienceSyncsDefinitionsChangedPayload = {
      audienceIds: audiences.definitions().map(e => e.definition.id),
      destinationIds: destinations.list().map(d => d.id),
    };
    try {
      await events.publish({
        topic: AUDIENCE_SYNCS_DEFINITIONS_CHANGED_TOPIC,
        eventPayload,
      });
    } catch (error) {
      // Not fatal: the catalog still catches up on its scheduled refresh.
      logger.warn(
        `Could not announce the audience and destination definitions: ${error}`,
      );
    }
  });
}
