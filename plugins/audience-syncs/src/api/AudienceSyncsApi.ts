import { createApiRef } from '@backstage/core-plugin-api';
import { HealthResponse } from '@internal/plugin-audience-syncs-common';

/** Typed access to the Audience Syncs backend (`/api/audience-syncs`). */
export interface AudienceSyncsApi {
  getHealth(): Promise<HealthResponse>;
}

export const audienceSyncsApiRef = createApiRef<AudienceSyncsApi>({
  id: 'plugin.audience-syncs.client',
});
