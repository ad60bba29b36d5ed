import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/** What the provider's config sets on every entity. */
export interface EntityDefaults {
  /** Owner of audiences and destinations that name none. */
  owner: string;
  lifecycle: string;
  system?: string;
  /** The portal's address, for links to the Audience Syncs pages; without it entities get no links. */
  appBaseUrl?: string;
}

export interface ProviderConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  defaults: EntityDefaults;
}

const CONFIG_KEY = 'catalog.providers.audienceSyncs';

/** Reads `catalog.providers.audienceSyncs` (see config.d.ts); every key is optional. */
export function readProviderConfig(config: Config): ProviderConfig {
  const provider = config.getOptionalConfig(CONFIG_KEY);
  const schedule = provider?.getOptionalConfig('schedule');
  return {
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
    defaults: {
      owner: provider?.getOptionalString('owner') ?? 'unknown',
      lifecycle: provider?.getOptionalString('lifecycle') ?? 'production',
      system: provider?.getOptionalString('system'),
      appBaseUrl: config.getOptionalString('app.baseUrl'),
    },
  };
}
