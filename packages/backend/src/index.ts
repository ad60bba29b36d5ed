// The portal's backend: Backstage's core plugins plus Audience Syncs. See README.md for what each is for.
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(
  import('@signalsmith/backstage-plugin-catalog-backend-module-audience-syncs'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import(
    '@signalsmith/backstage-plugin-scaffolder-backend-module-audience-syncs'
  ),
);

// Allows everything: replace it with your organisation's policy (README, "Permissions").
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Notifications tell a sync's owners when it fails, is held or recovers; signals push live run progress to
// open pages (without them the pages poll).
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@signalsmith/backstage-plugin-audience-syncs-backend'));
// The demo warehouse, audiences and destinations of the embedded portal (audienceSyncs.demo): leave this
// line out, or set audienceSyncs.demo.enabled to false, to run without them.
backend.add(
  import('@signalsmith/backstage-plugin-audience-syncs-backend-module-demo'),
);

backend.start();
