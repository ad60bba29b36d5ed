import {
  Audience,
  AudienceSync,
  Destination,
  SyncRun,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** Builders of the backend's shapes for tests; each takes overrides. */

export function anAudience(overrides: Partial<Audience> = {}): Audience {
  return {
    id: 'high-value-customers',
    name: 'High value customers',
    description: 'Customers with a lifetime value above 1000',
    entityType: 'users',
    owner: 'group:default/marketing',
    entityKeys: ['email', 'phone', 'user_id', 'device_id'],
    traits: ['lifetime_value', 'last_purchase_date'],
    attributes: ['plan_type', 'country'],
    evaluationSchedule: { type: 'daily' },
    memberCount: 12345,
    lastEvaluatedAt: '2026-11-30T06:00:00.000Z',
    lastEvaluation: null,
    ...overrides,
  };
}

export function aDestination(
  overrides: Partial<Destination> = {},
): Destination {
  return {
    id: 'salesforce-prod',
    type: 'salesforce',
    typeLabel: 'Salesforce',
    name: 'Salesforce production',
    owner: 'group:default/marketing',
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
      canCreateObjects: true,
      batchSize: 200,
    },
    ...overrides,
  };
}

export function aSync(overrides: Partial<AudienceSync> = {}): AudienceSync {
  return {
    id: 'sync-1',
    name: 'High value → Q1 retention',
    audienceId: 'high-value-customers',
    destinationId: 'salesforce-prod',
    object: { id: 'cmp-q1', name: 'Q1 Retention Campaign' },
    mode: 'mirror',
    identifier: { entityKey: 'email', field: 'Email' },
    fieldMappings: [
      {
        source: { kind: 'trait', name: 'lifetime_value' },
        destinationField: 'Customer_Value__c',
      },
    ],
    schedule: { type: 'daily', timezone: 'UTC' },
    status: 'active',
    owner: 'user:default/jane',
    createdBy: 'user:default/jane',
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedBy: 'user:default/jane',
    updatedAt: '2026-11-01T09:00:00.000Z',
    lastSyncedAt: '2026-11-30T00:05:00.000Z',
    nextRunAt: '2026-12-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function aRun(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 1,
    syncId: 'sync-1',
    trigger: 'schedule',
    kind: 'sync',
    status: 'succeeded',
    evaluationId: 7,
    planned: { adds: 120, removes: 30, updates: 0 },
    sent: 150,
    succeeded: 147,
    failed: 2,
    invalid: 1,
    queuedAt: '2026-11-30T00:00:00.000Z',
    startedAt: '2026-11-30T00:00:01.000Z',
    finishedAt: '2026-11-30T00:05:00.000Z',
    durationMs: 299_000,
    error: null,
    ...overrides,
  };
}
