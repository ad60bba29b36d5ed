import { createRouteRef } from '@backstage/core-plugin-api';

/** The Audience Syncs list page (mounted at `/audience-syncs` by default). */
export const rootRouteRef = createRouteRef({ id: 'audience-syncs' });
