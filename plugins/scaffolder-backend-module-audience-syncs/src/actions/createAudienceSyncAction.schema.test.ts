import { mockServices } from '@backstage/backend-test-utils';
import { createSyncRequestSchema } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsService } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { validate } from 'jsonschema';
import { createAudienceSyncAction } from './createAudienceSyncAction';

const action = createAudienceSyncAction({
  audienceSyncs: {} as AudienceSyncsService,
  config: mockServices.rootConfig({
    data: { app: { baseUrl: 'http://localhost:3000' } },
  }),
});

const minimal = {
  audienceId: 'high-value-customers',
  destinationId: 'facebook-ads',
  object: { id: '23850000000000001' },
  identifier: { entityKey: 'email', field: 'EMAIL' },
  schedule: { type: 'daily' },
};

const mapping = {
  source: { kind: 'trait', name: 'lifetime_value' },
  destinationField: 'Customer_Value__c',
};

/** Bodies whose shape the API accepts; the backend still checks their values (a cron that never fires…). */
const accepted: Array<[string, object]> = [
  ['the smallest body', minimal],
  [
    'every field',
    {
      name: 'Win-back Q3',
      audienceId: 'lapsed-customers',
      destinationId: 'salesforce',
      object: { create: { name: 'Win-back Q3' } },
      mode: 'additive',
      identifier: { entityKey: 'user_id', field: 'Customer_Id__c' },
      fieldMappings: [
        mapping,
        {
          source: { kind: 'attribute', name: 'plan_type' },
          destinationField: 'Plan__c',
        },
      ],
      schedule: {
        type: 'cron',
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Berlin',
      },
      owner: 'group:default/marketing',
      removalGuard: { maxShare: 0.4, minRemovals: 100 },
      alerts: { invalidShare: 0.1, rowCountSwing: 0.3 },
      runNow: true,
    },
  ],
  [
    'a manual schedule in a time zone',
    { ...minimal, schedule: { type: 'manual', timezone: 'UTC' } },
  ],
  ['no field mappings', { ...minimal, fieldMappings: [] }],
  ['a name of 200 characters', { ...minimal, name: 'n'.repeat(200) }],
  [
    'ids with spaces around them',
    { ...minimal, audienceId: ' high-value-customers ' },
  ],
  [
    'a cron schedule without its expression',
    { ...minimal, schedule: { type: 'cron' } },
  ],
  [
    'an unreadable cron expression',
    { ...minimal, schedule: { type: 'cron', cron: '61 * * * *' } },
  ],
  [
    'an unknown time zone',
    { ...minimal, schedule: { type: 'daily', timezone: 'Mars/Olympus' } },
  ],
  [
    'an owner that is not an entity reference',
    { ...minimal, owner: 'marketing team' },
  ],
];

const without = (key: keyof typeof minimal) =>
  Object.fromEntries(Object.entries(minimal).filter(([k]) => k !== key));

/** Bodies whose shape the API refuses. */
const refused: Array<[string, object]> = [
  ['no audience', without('audienceId')],
  ['no destination', without('destinationId')],
  ['no object', without('object')],
  ['no identifier', without('identifier')],
  ['no schedule', without('schedule')],
  ['an empty audience id', { ...minimal, audienceId: '' }],
  ['a blank destination id', { ...minimal, destinationId: '   ' }],
  ['an audience id that is a number', { ...minimal, audienceId: 7 }],
  ['a field the API does not know', { ...minimal, colour: 'blue' }],
  ['an object that is neither existing nor new', { ...minimal, object: {} }],
  [
    'an object that is both',
    { ...minimal, object: { id: 'x', create: { name: 'y' } } },
  ],
  ['an object with an empty id', { ...minimal, object: { id: '' } }],
  [
    'a new object without a name',
    { ...minimal, object: { create: { name: ' ' } } },
  ],
  [
    'a new object with more than its name',
    { ...minimal, object: { create: { name: 'y', size: 3 } } },
  ],
  ['an unknown mode', { ...minimal, mode: 'sometimes' }],
  [
    'a removal guard share above 1',
    { ...minimal, removalGuard: { maxShare: 1.5 } },
  ],
  [
    'a removal guard minimum that is not whole',
    { ...minimal, removalGuard: { minRemovals: 2.5 } },
  ],
  ['an alert share of 0', { ...minimal, alerts: { invalidShare: 0 } }],
  ['an unknown alert', { ...minimal, alerts: { slowRun: 0.5 } }],
  [
    'an unknown entity key',
    { ...minimal, identifier: { entityKey: 'fax', field: 'FAX' } },
  ],
  [
    'an identifier without its field',
    { ...minimal, identifier: { entityKey: 'email' } },
  ],
  [
    'an identifier with an empty field',
    { ...minimal, identifier: { entityKey: 'email', field: '' } },
  ],
  [
    'field mappings that are not a list',
    { ...minimal, fieldMappings: mapping },
  ],
  [
    'a mapping of an unknown kind',
    {
      ...minimal,
      fieldMappings: [{ ...mapping, source: { kind: 'metric', name: 'x' } }],
    },
  ],
  [
    'a mapping without a destination field',
    { ...minimal, fieldMappings: [{ source: mapping.source }] },
  ],
  [
    'a mapping to a blank destination field',
    { ...minimal, fieldMappings: [{ ...mapping, destinationField: ' ' }] },
  ],
  [
    'a mapping with more than a source and a field',
    { ...minimal, fieldMappings: [{ ...mapping, hashed: true }] },
  ],
  ['an unknown schedule type', { ...minimal, schedule: { type: 'monthly' } }],
  [
    'a schedule with an empty cron expression',
    { ...minimal, schedule: { type: 'cron', cron: '' } },
  ],
  [
    'a schedule with an empty time zone',
    { ...minimal, schedule: { type: 'daily', timezone: '' } },
  ],
  [
    'a schedule with more than its fields',
    { ...minimal, schedule: { type: 'daily', interval: 2 } },
  ],
  ['an empty name', { ...minimal, name: '' }],
  ['a name of 201 characters', { ...minimal, name: 'n'.repeat(201) }],
  ['an empty owner', { ...minimal, owner: '' }],
  ['runNow as text', { ...minimal, runNow: 'yes' }],
];

/** Whether the scaffolder lets the step input through: it validates it against the action's JSON schema. */
const actionAccepts = (body: object) =>
  validate(body, action.schema!.input!).valid;
const apiAccepts = (body: object) =>
  createSyncRequestSchema.safeParse(body).success;

describe("the action's input schema and the API's create request", () => {
  it.each(accepted)('both accept %s', (_case, body) => {
    expect(apiAccepts(body)).toBe(true);
    expect(actionAccepts(body)).toBe(true);
  });

  it.each(refused)('both refuse %s', (_case, body) => {
    expect(apiAccepts(body)).toBe(false);
    expect(actionAccepts(body)).toBe(false);
  });
});
