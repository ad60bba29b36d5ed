import { Config } from '@backstage/config';
import { JsonValue } from '@backstage/types';

/** A database to reach through Knex. */
export interface DemoDatabaseConfig {
  client: string;
  connection: JsonValue;
}

/** Where the demo destinations send: each vendor emulator's base URL, without a trailing slash. */
export interface DemoEmulatorUrls {
  webhook: string;
  facebook: string;
  google: string;
  salesforce: string;
  hubspot: string;
  braze: string;
  mailchimp: string;
}

export interface DemoConfig {
  warehouse: DemoDatabaseConfig;
  activationDatabase: DemoDatabaseConfig;
  emulators: DemoEmulatorUrls;
}

/** The ports `scripts/start.sh` starts the emulators on (packages/destination-emulators). */
const DEFAULT_EMULATORS: DemoEmulatorUrls = {
  webhook: 'http://localhost:7077',
  facebook: 'http://127.0.0.1:7101',
  google: 'http://127.0.0.1:7102',
  salesforce: 'http://127.0.0.1:7103',
  hubspot: 'http://127.0.0.1:7104',
  braze: 'http://127.0.0.1:7105',
  mailchimp: 'http://127.0.0.1:7106',
};

/** Reads `audienceSyncs.demo`; undefined when `enabled` is false. Every problem names its key. */
export function readDemoConfig(config: Config): DemoConfig | undefined {
  const at = 'audienceSyncs.demo';
  if (config.getOptionalBoolean(`${at}.enabled`) === false) return undefined;
  const emulators = config.getOptionalConfig(`${at}.emulators`);
  const url = (name: keyof DemoEmulatorUrls) =>
    readHttpUrl(
      emulators?.getOptionalString(name) ?? DEFAULT_EMULATORS[name],
      `${at}.emulators.${name}`,
    );
  return {
    warehouse: readDatabase(config.getConfig(`${at}.warehouse`)),
    activationDatabase: readDatabase(
      config.getConfig(`${at}.activationDatabase`),
    ),
    emulators: {
      webhook: url('webhook'),
      facebook: url('facebook'),
      google: url('google'),
      salesforce: url('salesforce'),
      hubspot: url('hubspot'),
      braze: url('braze'),
      mailchimp: url('mailchimp'),
    },
  };
}

function readDatabase(database: Config): DemoDatabaseConfig {
  return {
    client: database.getString('client'),
    connection: database.get('connection'),
  };
}

function readHttpUrl(value: string, at: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new Error(`${at}: '${value}' is not an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}
