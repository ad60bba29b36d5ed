import { ConfigReader } from '@backstage/config';
import { readProviderConfig } from './readProviderConfig';

describe('readProviderConfig', () => {
  it('defaults every key', () => {
    expect(readProviderConfig(new ConfigReader({}))).toEqual({
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
      defaults: {
        owner: 'unknown',
        lifecycle: 'production',
        system: undefined,
        appBaseUrl: undefined,
      },
    });
  });

  it('reads the provider config and the portal address', () => {
    const config = new ConfigReader({
      app: { baseUrl: 'https://portal.example.com' },
      catalog: {
        providers: {
          audienceSyncs: {
            owner: 'group:default/marketing-ops',
            lifecycle: 'experimental',
            system: 'audience-syncs',
            schedule: { frequency: 'PT10M', timeout: { minutes: 1 } },
          },
        },
      },
    });
    expect(readProviderConfig(config)).toEqual({
      schedule: {
        frequency: { minutes: 10 },
        timeout: { minutes: 1 },
      },
      defaults: {
        owner: 'group:default/marketing-ops',
        lifecycle: 'experimental',
        system: 'audience-syncs',
        appBaseUrl: 'https://portal.example.com',
      },
    });
  });
});
