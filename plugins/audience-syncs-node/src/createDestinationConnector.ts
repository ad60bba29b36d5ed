import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from './connectors';
import { secretSettingValues } from './settings/secretSettingValues';

/** How a connector reads a destination's `settings`, and which of them are credentials. */
export interface DestinationSettingsReader<TSettings> {
  /**
   * The setting keys (dotted paths for nested ones) that hold credentials. Their values are scrubbed from
   * errors and from what the connector logs, and never leave the backend.
   */
  readonly secretKeys: readonly string[];
  /** Reads and checks the settings; throws an Error whose message starts with the setting's name. */
  read(settings: Config): TSettings;
}

/** What a connector's `create` gets for one configured destination. */
export interface DestinationConnectContext<TSettings> {
  destination: DestinationConfig;
  /** The settings as `read` returned them. */
  settings: TSettings;
  /** The values of the secret settings: hand them to the `HttpTransport` (or scrub them yourself). */
  secrets: string[];
  logger: LoggerService;
}

/** One destination type: its config name, display name, settings and client. */
export interface DestinationConnectorDefinition<TSettings> {
  /** What `audienceSyncs.destinations[].type` names, e.g. `facebook-ads`. */
  type: string;
  /** Display name, e.g. "Facebook Ads". */
  label: string;
  settings: DestinationSettingsReader<TSettings>;
  /** The client of one destination, from its checked settings. */
  create(
    context: DestinationConnectContext<TSettings>,
  ): DestinationClient | Promise<DestinationClient>;
}

/**
 * A destination connector, for `audienceSyncsDestinationsExtensionPoint`: the settings are read (their
 * errors name the setting) before `create` builds the client, and the secret keys are declared to the
 * plugin, which keeps their values out of errors and logs.
 */
export function createDestinationConnector<TSettings>(
  definition: DestinationConnectorDefinition<TSettings>,
): DestinationConnector {
  const { type, label, settings: reader } = definition;
  return {
    type,
    label,
    secretKeys: reader.secretKeys,
    async connect(destination, { logger }) {
      const settings = reader.read(destination.settings);
      return definition.create({
        destination,
        settings,
        secrets: secretSettingValues(destination.settings, reader.secretKeys),
        logger,
      });
    },
  };
}
