import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  BatchRequest,
  DestinationClient,
  DestinationConnector,
  DestinationError,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import { expectRejection } from './expectRejection';

/**
 * A connector's test helpers: `connect` a destination of the connector's type with the `settings`
 * (changed by the test's own), and the failures of connecting, of a promise and of a batch, each
 * asserted to repeat none of the `secrets`.
 */
export function testConnector(
  connector: DestinationConnector,
  options: { settings: () => JsonObject; secrets: string[] },
) {
  const connect = (
    settings: JsonObject = {},
    logger: LoggerService = mockServices.logger.mock(),
  ) =>
    connector.connect(
      {
        id: connector.type,
        type: connector.type,
        name: connector.label,
        owner: 'group:default/marketing',
        settings: new ConfigReader({ ...options.settings(), ...settings }),
      },
      { logger },
    );
  const failure = (promise: Promise<unknown>) =>
    expectRejection(promise, DestinationError, options.secrets);
  return {
    connect,
    connectError: (settings: JsonObject) =>
      expectRejection(connect(settings), Error, options.secrets),
    failure,
    batchError: (client: DestinationClient, request: BatchRequest) =>
      failure(client.applyBatch(request)),
  };
}
