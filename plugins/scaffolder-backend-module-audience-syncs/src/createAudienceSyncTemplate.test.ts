import { mockServices } from '@backstage/backend-test-utils';
import {
  CREATE_AUDIENCE_SYNC_TEMPLATE_NAME,
  ENTITY_KEYS,
  SCHEDULE_TYPES,
  SYNC_MODES,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsService } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { validate } from 'jsonschema';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createAudienceSyncAction } from './actions/createAudienceSyncAction';

const TEMPLATE_PATH = path.resolve(
  __dirname,
  '../templates/create-audience-sync/template.yaml',
);
const template = parse(fs.readFileSync(TEMPLATE_PATH, 'utf8'));
const pages: any[] = template.spec.parameters;
const [step] = template.spec.steps;

const action = createAudienceSyncAction({
  audienceSyncs: {} as AudienceSyncsService,
  config: mockServices.rootConfig({
    data: { app: { baseUrl: 'http://localhost:3000' } },
  }),
});

/** What the wizard submits: the pages' defaults, then what the user entered. */
function formValues(entered: Record<string, unknown>) {
  const defaults = pages.flatMap(page =>
    Object.entries(page.properties)
      .filter(([, property]: [string, any]) => 'default' in property)
      .map(([name, property]: [string, any]) => [name, property.default]),
  );
  return { ...Object.fromEntries(defaults), ...entered };
}

/**
 * Renders the step input the way the scaffolder does for the expressions this template uses: a value that
 * is exactly one `${{ }}` expression keeps its JSON type, and an input that renders to undefined is left
 * out (`x or undefined` turns an empty value into undefined). Any other expression fails the test, so a
 * template change comes with a test change.
 */
function renderStepInput(parameters: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(step.input as Record<string, string>).flatMap(
      ([key, expression]) => {
        const match = /^\$\{\{ parameters\.([\w.]+)( or undefined)? \}\}$/.exec(
          expression,
        );
        if (!match) throw new Error(`${key}: unexpected '${expression}'`);
        const value = match[1]
          .split('.')
          .reduce<any>((at, part) => at?.[part], parameters);
        return value === undefined || (match[2] && !value)
          ? []
          : [[key, value]];
      },
    ),
  );
}

const userInputs: Array<[string, Record<string, unknown>]> = [
  [
    'an existing object and every default',
    {
      audienceId: 'high-value-customers',
      destination: {
        destinationId: 'facebook-ads',
        object: { id: '23850000000000001' },
      },
      identifier: { entityKey: 'email', field: 'EMAIL' },
      review: 'reviewed',
      name: '',
    },
  ],
  [
    'a new object, field mappings, a cron schedule and a name',
    {
      audienceId: 'lapsed-customers',
      destination: {
        destinationId: 'salesforce',
        object: { create: { name: 'Win-back Q3' } },
      },
      mode: 'additive',
      identifier: { entityKey: 'user_id', field: 'Customer_Id__c' },
      fieldMappings: [
        {
          source: { kind: 'trait', name: 'lifetime_value' },
          destinationField: 'Customer_Value__c',
        },
      ],
      schedule: {
        type: 'cron',
        cron: '0 9 * * 1-5',
        timezone: 'Europe/Berlin',
      },
      alerts: { invalidShare: 0.1 },
      runNow: false,
      review: 'reviewed',
      name: 'Win-back Q3',
    },
  ],
];

describe('the Create Audience Sync template', () => {
  it('is a scaffolder Template of the builder', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: {
        name: CREATE_AUDIENCE_SYNC_TEMPLATE_NAME,
        title: 'Create Audience Sync',
        description: expect.any(String),
        tags: ['audience-sync'],
      },
      spec: { owner: 'group:default/segment-platform', type: 'audience-sync' },
    });
    expect(template.spec.steps).toEqual([
      expect.objectContaining({
        id: 'create',
        name: 'Create audience sync',
        action: action.id,
      }),
    ]);
  });

  it('has one page per step of the builder, with the custom fields the frontend provides', () => {
    const fields = pages.map(page => [
      page.title,
      Object.fromEntries(
        Object.entries(page.properties).map(([name, property]: any) => [
          name,
          property['ui:field'] ?? property['ui:widget'] ?? property.type,
        ]),
      ),
    ]);
    expect(fields).toEqual([
      ['Audience', { audienceId: 'AudiencePicker' }],
      ['Destination', { destination: 'DestinationObjectPicker' }],
      ['Sync mode', { mode: 'radio' }],
      ['Identifier', { identifier: 'IdentifierMapping' }],
      ['Additional fields', { fieldMappings: 'FieldMappings' }],
      [
        'Schedule',
        {
          schedule: 'SchedulePicker',
          alerts: 'AlertThresholds',
          runNow: 'boolean',
        },
      ],
      ['Review', { review: 'AudienceSyncReview', name: 'string' }],
    ]);
    expect(formValues({})).toEqual({
      mode: 'mirror',
      fieldMappings: [],
      schedule: { type: 'daily' },
      runNow: true,
    });
  });

  it('offers the values of the API', () => {
    const [, , modePage, identifierPage, , schedulePage] = pages;
    expect(modePage.properties.mode.oneOf.map((o: any) => o.const)).toEqual(
      SYNC_MODES,
    );
    expect(
      identifierPage.properties.identifier.properties.entityKey.enum,
    ).toEqual(ENTITY_KEYS);
    expect(schedulePage.properties.schedule.properties.type.enum).toEqual(
      SCHEDULE_TYPES,
    );
  });

  describe.each(userInputs)('with %s', (_case, entered) => {
    const parameters = formValues(entered);

    it('accepts the form values on every page', () => {
      for (const page of pages) {
        expect(validate(parameters, page).errors).toEqual([]);
      }
    });

    it("renders a step input that the action's input schema accepts", () => {
      const input = renderStepInput(parameters);
      expect(validate(input, action.schema!.input!).errors).toEqual([]);
      expect(input.name).toBe(entered.name || undefined);
      expect(input.alerts).toEqual(entered.alerts);
    });
  });

  it('is registered in the catalog by the embedded default', () => {
    const appConfig = parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../app-config.yaml'),
        'utf8',
      ),
    );
    // Catalog file locations are relative to packages/backend, where the backend runs.
    const backendDir = path.resolve(__dirname, '../../../packages/backend');
    expect(
      appConfig.catalog.locations.map((l: { target: string }) =>
        path.resolve(backendDir, l.target),
      ),
    ).toContain(TEMPLATE_PATH);
  });
});
