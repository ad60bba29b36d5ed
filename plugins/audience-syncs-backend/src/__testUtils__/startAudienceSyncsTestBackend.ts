import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AudienceMember,
  audienceSyncsAudienceSourcesExtensionPoint,
  audienceSyncsDestinationsExtensionPoint,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import knexFactory, { Knex } from 'knex';
import { audienceSyncsPlugin } from '../plugin';
import { InMemoryAudienceSource } from './InMemoryAudienceSource';
import { InMemoryDestinationConnector } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';

export function member(
  n: number,
  overrides: Partial<AudienceMember['keys']> = {},
): AudienceMember {
  return {
    memberKey: `u${n}`,
    keys: {
      email: `user${n}@example.com`,
      phone: `+1415555${String(n).padStart(4, '0')}`,
      user_id: `u${n}`,
      ...overrides,
    },
    fields: { lifetime_value: n * 10, plan_type: 'pro', country: 'US' },
  };
}

const audience = (
  id: string,
  name: string,
  entityKeys: any[],
  schedule: any = { type: 'daily' },
) => ({
  id,
  name,
  entityType: 'users',
  owner: 'group:default/marketing',
  entityKeys,
  traits: ['lifetime_value'],
  attributes: ['plan_type', 'country'],
  evaluationSchedule: schedule,
});

/** The fixture world of the API tests: audiences in every state and destinations of every capability. */
export function createFixtures() {
  const source = new InMemoryAudienceSource()
    .set(
      audience('loyal-customers', 'Loyal Customers', [
        'email',
        'phone',
        'user_id',
      ]),
      [1, 2, 3].map(n => member(n)),
    )
    .set(audience('empty-audience', 'Empty Audience', ['email', 'user_id']), [])
    .set(
      audience('broken-audience', 'Broken Audience', ['email']),
      new Error('warehouse unreachable'),
    )
    .set(
      audience('app-users', 'App Users', ['device_id'], { type: 'hourly' }),
      [{ memberKey: 'd1', keys: { device_id: 'aaaa-bbbb' }, fields: {} }],
    );
  const ads = new InMemoryDestinationConnector({
    type: 'test-ads',
    label: 'Test Ads',
    objects: [{ id: 'aud-1', name: 'Website Visitors' }],
    capabilities: {
      supportsAudienceSyncs: true,
      objectLabel: 'Custom Audience',
      identifierFields: [
        { field: 'EMAIL', label: 'Email', entityKeys: ['email'], hashed: true },
        {
          field: 'PHONE',
          label: 'Phone Number',
          entityKeys: ['phone'],
          hashed: true,
        },
        {
          field: 'EXTERN_ID',
          label: 'External ID',
          entityKeys: ['user_id'],
          hashed: false,
        },
      ],
      additionalFields: 'none',
      canCreateObjects: true,
      batchSize: 10000,
    },
  });
  const crm = new InMemoryDestinationConnector({
    type: 'test-crm',
    label: 'Test CRM',
    objects: [{ id: 'camp-1', name: 'Q1 Retention Campaign' }],
    capabilities: {
      supportsAudienceSyncs: true,
      objectLabel: 'Campaign',
      identifierFields: [
        {
          field: 'Email',
          label: 'Email',
          entityKeys: ['email'],
          hashed: false,
        },
      ],
      additionalFields: [
        { field: 'Customer_Value__c', label: 'Customer Value' },
        { field: 'Plan__c', label: 'Subscription Plan' },
      ],
      canCreateObjects: false,
      batchSize: 200,
    },
    fieldSchema: {
      acceptsAnyField: false,
      fields: [
        {
          name: 'Customer_Value__c',
          label: 'Customer Value',
          type: 'number',
          required: false,
        },
        {
          name: 'Plan__c',
          label: 'Subscription Plan',
          type: 'string',
          required: false,
        },
      ],
    },
  });
  const analytics = new InMemoryDestinationConnector({
    type: 'test-analytics',
    label: 'Test Analytics',
    capabilities: {
      supportsAudienceSyncs: false,
      objectLabel: 'Event stream',
      identifierFields: [],
      additionalFields: 'any',
      canCreateObjects: false,
      batchSize: 100,
    },
  });
  return { source, ads, crm, analytics };
}

export const destinationsConfig = [
  {
    id: 'ads',
    type: 'test-ads',
    name: 'Ads Account',
    owner: 'group:default/marketing',
  },
  {
    id: 'crm',
    type: 'test-crm',
    name: 'Sales CRM',
    owner: 'group:default/crm-team',
  },
  {
    id: 'analytics',
    type: 'test-analytics',
    name: 'Product Analytics',
    owner: 'group:default/growth',
  },
  {
    id: 'hook',
    type: 'webhook',
    name: 'Marketing Webhook',
    owner: 'group:default/marketing',
    settings: {
      url: 'http://127.0.0.1:9/hook',
      signingSecret: 'do-not-leak-me-0123456789abcdef012',
    },
  },
];

/**
 * Starts the real plugin in a test backend with the fixtures added through its extension points, a shared
 * Knex to inspect (SQLite, or a database of `TestDatabases`), a permission decision the test can switch, and an auditor that records events.
 */
export async function startAudienceSyncsTestBackend(
  options: {
    /** The plugin's database; an in-memory SQLite one by default. */
    knex?: Knex;
    /** More features or service factories, e.g. a real service instead of its mock. */
    features?: Parameters<typeof startTestBackend>[0]['features'];
    /** More `audienceSyncs` configuration beside the destinations. */
    config?: Record<string, unknown>;
  } = {},
) {
  const fixtures = createFixtures();
  const knex: Knex =
    options.knex ??
    knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
  const permission = {
    decision: AuthorizeResult.ALLOW as AuthorizeResult,
    conditional: undefined as any,
  };
  const auditEvents: Array<{ eventId: string; outcome: 'success' | 'fail' }> =
    [];
  /** The plugin's scheduled tasks by id, for a test to run one pass of (the dispatcher, the watchdog). */
  const tasks = new Map<string, () => Promise<void>>();

  const testDoubles = createBackendModule({
    pluginId: 'audience-syncs',
    moduleId: 'test-doubles',
    register(reg) {
      reg.registerInit({
        deps: {
          destinations: audienceSyncsDestinationsExtensionPoint,
          sources: audienceSyncsAudienceSourcesExtensionPoint,
        },
        async init({ destinations, sources }) {
          destinations.addDestinationConnector(
            fixtures.ads,
            fixtures.crm,
            fixtures.analytics,
          );
          sources.addAudienceSource(fixtures.source);
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      audienceSyncsPlugin,
      testDoubles,
      mockServices.rootConfig.factory({
        data: {
          audienceSyncs: {
            destinations: destinationsConfig,
            ...options.config,
          },
        },
      }),
      mockServices.database.factory({ knex }),
      // Audiences evaluate at start as in production; queued runs stay queued, so the API's own
      // behaviour can be asserted (plugin.test.ts covers the engine behind it).
      mockServices.scheduler.mock({
        scheduleTask: async task => {
          tasks.set(task.id, async () => {
            await task.fn(new AbortController().signal);
          });
          if (task.id === 'audience-syncs:evaluate-audiences') {
            await task.fn(new AbortController().signal);
          }
        },
        triggerTask: async () => {},
      }).factory,
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: permission.decision as any })),
        authorizeConditional: async requests =>
          requests.map(
            () =>
              permission.conditional ??
              ({ result: permission.decision } as any),
          ),
      }).factory,
      mockServices.auditor.mock({
        createEvent: async ({ eventId }) => ({
          success: async () => {
            auditEvents.push({ eventId, outcome: 'success' });
          },
          fail: async () => {
            auditEvents.push({ eventId, outcome: 'fail' });
          },
        }),
      }).factory,
      ...(options.features ?? []),
    ],
  });
  return Object.assign(backend, fixtures, {
    knex,
    permission,
    auditEvents,
    tasks,
  });
}
