import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DestinationClient,
  DestinationConfig,
  DestinationConnector,
} from './connectors';
import { HttpTransport, HttpTransportOptions } from './http/HttpTransport';
import { readTimeoutMs } from './settings/readTimeoutMs';
import { secretSettingValues } from './settings/secretSettingValues';

/**
 * How a connector reads a destination's `settings`, and which of them are credentials.
 *
 * @public
 */
export interface DestinationSettingsReader<TSettings> {
  /**
   * The setting keys (dotted paths for nested ones) that hold credentials. Their values are scrubbed from
   * errors and from what the connector logs, and never leave the backend.
   */
  readonly secretKeys: readonly string[];
  /** Reads and checks the settings; throws an Error whose message starts with the setting's name. */
  read(settings: Config): TSettings;
}

/**
 * The options of a destination's transport; the kit adds the secrets, and the time-out unless given.
 *
 * @public
 */
export type DestinationHttpOptions = Omit<
  HttpTransportOptions,
  'secrets' | 'timeoutMs' | 'logger'
> & { timeoutMs?: number };

/**
 * What a connector's `create` gets for one configured destination.
 *
 * @public
 */
export interface DestinationConnectContext<TSettings> {
  destination: DestinationConfig;
  /** The settings as `read` returned them. */
  settings: TSettings;
  /** The values of the secret settings, for clients that build their errors without `http`. */
  secrets: string[];
  /**
   * An `HttpTransport` for this destination: it scrubs the values of the secret settings from every
   * error, times requests out after the `timeoutMs` setting (1 to 600,000 ms, default 30,000) unless
   * the options say otherwise, and logs to the destination's logger.
   */
  http(options: DestinationHttpOptions): HttpTransport;
  logger: LoggerService;
}

/**
 * One destination type: its config name, display name, settings and client.
 *
 * @public
 */
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
 *
 * @public
 */
export function createDestinationConnector<TSettings>(
  definition: DestinationConnectorDefinition<TSettings>,
): DestinationConnector {
  const { type, label, settings: reader } = definition;
  return {
    type,
    label,
    secretKeys: reader.secretKeys,
    async connect(destination, { logger, requestSlots }) {
      const settings = reader.read(destination.settings);
      const secrets = secretSettingValues(
        destination.settings,
        reader.secretKeys,
      );
      return definition.create({
        destination,
        settings,
        secrets,
        http: options => {
          const timeoutMs =
            options.timeoutMs ?? readTimeoutMs(destination.settings);
          const max = options.maxConcurrentRequests;
          return HttpTransport.create({
            ...options,
            timeoutMs,
            secrets,
            logger,
            requestSlots:
              options.requestSlots ??
              (max && requestSlots
                ? requestSlots(max, holdBound(timeoutMs))
                : undefined),
          });
        },
        logger,
      });
    },
  };
}

/**
 * How long one request can hold its slot: the request and, with a token provider, a token request and one
 * resend after a 401, each within the time-out.
 */
function holdBound(timeoutMs: number): number {
  return 3 * timeoutMs + 5_000;
}
