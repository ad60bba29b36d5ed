import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
// The tests run the action against the real backend plugin, not a stand-in for it.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import audienceSyncsPlugin from '@signalsmith/backstage-plugin-audience-syncs-backend';
import {
  AudienceSyncsService,
  audienceSyncsServiceRef,
} from '@signalsmith/backstage-plugin-audience-syncs-node';

export const APP_BASE_URL = 'http://portal.example.com';

/** Members written as SQL literals, so the warehouse needs no table. */
const LOYAL_CUSTOMERS_SQL = [
  "SELECT 'u1' AS user_id, 'ann@example.com' AS email, 2400 AS lifetime_value, 'pro' AS plan_type",
  "SELECT 'u2', 'bob@example.com', 3100, 'enterprise'",
  "SELECT 'u3', 'cy@example.com', 2050, 'pro'",
].join(' UNION ALL ');

const audience = (id: string, name: string, sql: string) => ({
  id,
  name,
  entityType: 'users',
  owner: 'group:default/marketing',
  memberKey: 'user_id',
  entityKeys: ['email', 'user_id'],
  traits: ['lifetime_value'],
  attributes: ['plan_type'],
  evaluationSchedule: { type: 'daily' },
  sql,
});

/** An address nothing listens on: creating a sync must not reach a destination's API. */
const UNREACHABLE = 'http://127.0.0.1:9';

function audienceSyncsConfig(activationDatabase: string) {
  return {
    warehouse: {
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
    },
    audiences: [
      audience('loyal-customers', 'Loyal Customers', LOYAL_CUSTOMERS_SQL),
      audience(
        'empty-audience',
        'Empty Audience',
        `${LOYAL_CUSTOMERS_SQL} LIMIT 0`,
      ),
      audience(
        'broken-audience',
        'Broken Audience',
        'SELECT user_id, email, lifetime_value, plan_type FROM missing_table',
      ),
    ],
    destinations: [
      {
        id: 'marketing-webhook',
        type: 'webhook',
        name: 'Marketing Webhook',
        owner: 'group:default/marketing',
        settings: {
          url: `${UNREACHABLE}/hook`,
          signingSecret: 'test-signing-secret-0123456789abcdef',
          objects: [{ id: 'newsletter', name: 'Newsletter' }],
        },
      },
      {
        id: 'product-analytics',
        type: 'webhook',
        name: 'Product Analytics',
        owner: 'group:default/growth',
        settings: {
          url: `${UNREACHABLE}/events`,
          signingSecret: 'test-signing-secret-0123456789abcdef',
          acceptsAudiences: false,
        },
      },
      {
        id: 'facebook-ads',
        type: 'facebook-ads',
        name: 'Facebook Ads',
        owner: 'group:default/growth',
        settings: {
          baseUrl: UNREACHABLE,
          adAccountId: '1000000000000001',
          accessToken: 'test-access-token',
        },
      },
      {
        id: 'activation-table',
        type: 'warehouse-table',
        name: 'Activation Table',
        owner: 'group:default/growth',
        settings: {
          client: 'better-sqlite3',
          connection: { filename: activationDatabase },
          table: 'audience_members',
          createTable: true,
          columns: { lifetime_value: 'decimal', plan: 'string' },
          objects: [{ id: 'high-value', name: 'High Value' }],
        },
      },
    ],
  };
}

/**
 * Starts the real Audience Syncs backend plugin with SQL audiences (one with members, one empty, one whose
 * evaluation fails) and destinations of the built-in connectors, evaluated at start. Queued runs stay
 * queued. Returns the real `AudienceSyncsService` as the scaffolder gets it, a permission decision the
 * test can switch, and `api` to inspect the backend's state over its REST API.
 */
export async function startAudienceSyncsBackend() {
  const permission = {
    decision: AuthorizeResult.ALLOW as
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY,
  };
  const config = { app: { baseUrl: APP_BASE_URL } };
  let audienceSyncs: AudienceSyncsService | undefined;

  const captureClient = createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'capture-audience-syncs-client',
    register(reg) {
      reg.registerInit({
        deps: { client: audienceSyncsServiceRef },
        async init({ client }) {
          audienceSyncs = client;
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      audienceSyncsPlugin,
      captureClient,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          audienceSyncs: audienceSyncsConfig(
            createMockDirectory().resolve('activation.sqlite'),
          ),
        },
      }),
      mockServices.scheduler.mock({
        scheduleTask: async task => {
          if (task.id === 'audience-syncs:evaluate-audiences') {
            await task.fn(new AbortController().signal);
          }
        },
        triggerTask: async () => {},
      }).factory,
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: permission.decision })),
        authorizeConditional: async requests =>
          requests.map(() => ({ result: permission.decision })),
      }).factory,
    ],
  });

  const baseUrl = `http://localhost:${backend.server.port()}/api/audience-syncs`;
  /** GET of the Audience Syncs API as `user:default/mock`. */
  const api = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: mockCredentials.user.header() },
    });
    if (!response.ok) {
      throw new Error(`GET ${path}: ${response.status}`);
    }
    return response.json();
  };

  return {
    audienceSyncs: audienceSyncs!,
    config: mockServices.rootConfig({ data: config }),
    permission,
    api,
    stop: () => backend.stop(),
  };
}
