import { ConfigReader } from '@backstage/config';
import { readDemoConfig } from './readDemoConfig';

const warehouse = {
  client: 'better-sqlite3',
  connection: { filename: '/data/warehouse.sqlite' },
};
const activationDatabase = {
  client: 'pg',
  connection: 'postgres://activation@db.internal/activation',
};

const read = (demo: object) =>
  readDemoConfig(new ConfigReader({ audienceSyncs: { demo } }));

describe('readDemoConfig', () => {
  it('reads the databases, and points the destinations at the emulators on their fixed ports', () => {
    expect(read({ warehouse, activationDatabase })).toEqual({
      warehouse,
      activationDatabase,
      emulators: {
        webhook: 'http://localhost:7077',
        facebook: 'http://127.0.0.1:7101',
        google: 'http://127.0.0.1:7102',
        salesforce: 'http://127.0.0.1:7103',
        hubspot: 'http://127.0.0.1:7104',
        braze: 'http://127.0.0.1:7105',
        mailchimp: 'http://127.0.0.1:7106',
      },
    });
  });

  it('takes an emulator elsewhere, without its trailing slash', () => {
    const config = read({
      warehouse,
      activationDatabase,
      emulators: { hubspot: 'https://hubspot-emulator.internal:8443/' },
    });

    expect(config?.emulators).toMatchObject({
      hubspot: 'https://hubspot-emulator.internal:8443',
      braze: 'http://127.0.0.1:7105',
    });
  });

  it('is undefined when the demo is turned off, whatever else is set', () => {
    expect(read({ enabled: false })).toBeUndefined();
    expect(
      read({ enabled: true, warehouse, activationDatabase }),
    ).toBeDefined();
  });

  it('names the key of a missing database', () => {
    expect(() => read({ activationDatabase })).toThrow(
      'audienceSyncs.demo.warehouse',
    );
    expect(() => read({ warehouse })).toThrow(
      'audienceSyncs.demo.activationDatabase',
    );
  });

  it('names the key of an emulator URL that is not http(s)', () => {
    expect(() =>
      read({
        warehouse,
        activationDatabase,
        emulators: { facebook: 'localhost:7101' },
      }),
    ).toThrow(
      "audienceSyncs.demo.emulators.facebook: 'localhost:7101' is not an http(s) URL",
    );
  });
});
