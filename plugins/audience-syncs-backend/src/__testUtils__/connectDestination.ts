import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  DestinationConfig,
  DestinationConnector,
} from '@internal/plugin-audience-syncs-node';

/** Connects one test destination: `settings` become its Config; the logger is a mock unless given. */
export function connectDestination(
  connector: DestinationConnector,
  destination: Omit<DestinationConfig, 'settings'>,
  settings: JsonObject,
  logger: LoggerService = mockServices.logger.mock(),
) {
  return connector.connect(
    { ...destination, settings: new ConfigReader(settings) },
    { logger },
  );
}
