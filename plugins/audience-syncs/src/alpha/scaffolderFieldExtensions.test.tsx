import { createExtensionTester } from '@backstage/frontend-test-utils';
import { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  FormFieldBlueprint,
  Stepper,
} from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aDestination, anAudience } from '../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../__testUtils__/FakeAudienceSyncsApi';
import { problemsError } from '../__testUtils__/responseError';
import { audienceSyncsApiRef } from '../api';
import { createAudienceSyncPath } from '../routes';
import { syncBuilderFormFields } from './scaffolderFieldExtensions';

/** What the scaffolder's form-fields API does with each extension: load its field. */
function loadFields() {
  return Promise.all(
    syncBuilderFormFields.map(extension =>
      createExtensionTester(extension).get(
        FormFieldBlueprint.dataRefs.formFieldLoader,
      )(),
    ),
  );
}

/** The pages of the `create-audience-sync` template, with the contract's keys and `ui:field`s. */
const manifest: Parameters<typeof Stepper>[0]['manifest'] = {
  title: 'Create an audience sync',
  steps: [
    {
      title: 'Audience',
      schema: {
        required: ['audienceId'],
        properties: {
          audienceId: {
            title: 'Audience',
            type: 'string',
            'ui:field': 'AudiencePicker',
          },
        },
      },
    },
    {
      title: 'Destination',
      schema: {
        required: ['destination'],
        properties: {
          destination: {
            type: 'object',
            'ui:field': 'DestinationObjectPicker',
          },
        },
      },
    },
    {
      title: 'Mapping',
      schema: {
        required: ['identifier'],
        properties: {
          identifier: { type: 'object', 'ui:field': 'IdentifierMapping' },
          fieldMappings: { type: 'array', 'ui:field': 'FieldMappings' },
        },
      },
    },
    {
      title: 'Schedule',
      schema: {
        required: ['schedule'],
        properties: {
          schedule: { type: 'object', 'ui:field': 'SchedulePicker' },
          runNow: { title: 'Run now', type: 'boolean', default: true },
        },
      },
    },
    {
      title: 'Review',
      schema: {
        properties: {
          review: {
            type: 'string',
            'ui:field': 'AudienceSyncReview',
            'ui:backstage': { review: { show: false } },
          },
        },
      },
    },
  ],
};

function backend() {
  return new FakeAudienceSyncsApi({
    audiences: [
      anAudience(),
      anAudience({ id: 'empty', name: 'Empty audience', memberCount: 0 }),
    ],
    destinations: [aDestination()],
    objects: {
      'salesforce-prod': [{ id: 'cmp-q1', name: 'Q1 Retention Campaign' }],
    },
  });
}

/** The builder as the scaffolder shows it, opened at `createAudienceSyncPath(audienceId)`. */
async function renderBuilder(api: FakeAudienceSyncsApi, audienceId: string) {
  // The stepper reads `?formData=` from the browser's location.
  window.history.replaceState({}, '', createAudienceSyncPath(audienceId));
  const fields = await loadFields();
  const onCreate = jest.fn(async () => {});
  await renderInTestApp(
    <TestApiProvider apis={[[audienceSyncsApiRef, api]]}>
      <Stepper
        manifest={manifest}
        extensions={fields as unknown as FieldExtensionOptions[]}
        onCreate={onCreate}
      />
    </TestApiProvider>,
  );
  return { onCreate };
}

const next = (name = 'Next') =>
  userEvent.click(screen.getByRole('button', { name }));

/** A whole form per test on a busy machine. */
const FLOW_TIMEOUT_MS = 60_000;

describe('the sync builder form fields (new frontend system)', () => {
  beforeEach(() => {
    // The stepper scrolls to the top on every page; jsdom has no scrolling.
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });
  afterEach(() => window.history.replaceState({}, '', '/'));

  it("names each field after the template's ui:field", async () => {
    const fields = await loadFields();
    // The scaffolder keys its fields by this name (`Stepper`: `[name, component]`), not by the extension's.
    expect(
      fields.map(field => (field as unknown as { name: string }).name),
    ).toEqual([
      'AudiencePicker',
      'DestinationObjectPicker',
      'IdentifierMapping',
      'FieldMappings',
      'SchedulePicker',
      'AlertThresholds',
      'AudienceSyncReview',
    ]);
  });

  it(
    'builds a sync page by page in the scaffolder form, from a pre-selected audience',
    async () => {
      const api = backend();
      const { onCreate } = await renderBuilder(api, 'high-value-customers');

      expect(
        await screen.findByDisplayValue('High value customers'),
      ).toBeVisible();
      await next();

      await userEvent.selectOptions(
        await screen.findByLabelText(/^Destination/),
        'salesforce-prod',
      );
      await userEvent.selectOptions(
        await screen.findByLabelText(/^Campaign/),
        await screen.findByRole('option', { name: 'Q1 Retention Campaign' }),
      );
      await next();

      // The audience and destination come from the earlier pages (`formContext.formData`).
      // The only mapping the audience and destination allow is chosen for the user.
      await waitFor(() =>
        expect(screen.getByLabelText('email → Email')).toBeChecked(),
      );
      await userEvent.click(
        screen.getByRole('button', { name: 'Add field mapping' }),
      );
      await userEvent.selectOptions(
        screen.getByLabelText('Destination field 1'),
        'Customer_Value__c',
      );
      await next();

      expect(await screen.findByLabelText('Schedule')).toHaveValue('daily');
      await next();

      expect(await screen.findByText('Ready to create')).toBeVisible();
      expect(screen.getByText(/· 12,345 members/)).toBeVisible();
      expect(screen.getByLabelText('Projected first run')).toHaveTextContent(
        'The first run sends 12,345 of 12,345 members by email → Email',
      );
      await next('Review');
      await userEvent.click(
        await screen.findByRole('button', { name: 'Create' }),
      );

      expect(onCreate).toHaveBeenCalledWith({
        audienceId: 'high-value-customers',
        destination: {
          destinationId: 'salesforce-prod',
          object: { id: 'cmp-q1' },
        },
        identifier: { entityKey: 'email', field: 'Email' },
        fieldMappings: [
          {
            source: { kind: 'trait', name: 'lifetime_value' },
            destinationField: 'Customer_Value__c',
          },
        ],
        schedule: { type: 'daily' },
        runNow: true,
        review: 'reviewed',
      });
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'refuses a pre-selected audience without members on "Next"',
    async () => {
      await renderBuilder(backend(), 'empty');

      expect(await screen.findByDisplayValue('Empty audience')).toBeVisible();
      await next();

      await waitFor(() =>
        expect(
          screen.getAllByText(
            "audience 'Empty audience' has no members; a sync needs at least one",
          ).length,
        ).toBeGreaterThan(1),
      );
      expect(screen.getByLabelText(/^Audience/)).toBeVisible();
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    "blocks Create with the server's problems from the review's dry run",
    async () => {
      const api = backend();
      jest.spyOn(api, 'dryRunCreateSync').mockRejectedValue(
        await problemsError([
          {
            field: 'object.id',
            code: 'object_not_found',
            message:
              "destination 'Salesforce production' has no Campaign 'cmp-gone'",
          },
        ]),
      );
      const fields = await loadFields();
      await renderInTestApp(
        <TestApiProvider apis={[[audienceSyncsApiRef, api]]}>
          <Stepper
            manifest={{ ...manifest, steps: manifest.steps.slice(-1) }}
            initialState={{
              audienceId: 'high-value-customers',
              destination: {
                destinationId: 'salesforce-prod',
                object: { id: 'cmp-gone' },
              },
              identifier: { entityKey: 'email', field: 'Email' },
              schedule: { type: 'daily' },
            }}
            extensions={fields as unknown as FieldExtensionOptions[]}
            onCreate={jest.fn()}
          />
        </TestApiProvider>,
      );

      expect(await screen.findByText('Not ready to create')).toBeVisible();
      await next('Review');

      await waitFor(() =>
        expect(
          screen.getAllByText(
            "Destination object: destination 'Salesforce production' has no Campaign 'cmp-gone'",
          ).length,
        ).toBeGreaterThan(1),
      );
      expect(
        screen.queryByRole('button', { name: 'Create' }),
      ).not.toBeInTheDocument();
    },
    FLOW_TIMEOUT_MS,
  );
});
