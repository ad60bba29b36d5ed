import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DestinationFieldSchema,
  FieldMapping,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { anAdDestination } from '../../../__testUtils__/builderFixtures';
import { aDestination, anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { renderBuilderField } from '../../../__testUtils__/renderBuilderField';
import { FieldMappings } from './FieldMappings';

const warehouse = aDestination({
  id: 'warehouse',
  type: 'warehouse',
  typeLabel: 'Warehouse table',
  name: 'Analytics warehouse',
  capabilities: { ...aDestination().capabilities, additionalFields: 'any' },
});

/** A CRM whose properties the server describes: offered by label, sent by name. */
const hubspot = aDestination({
  id: 'hubspot',
  type: 'hubspot',
  typeLabel: 'HubSpot',
  name: 'HubSpot marketing',
  capabilities: { ...aDestination().capabilities, additionalFields: 'any' },
});
const hubspotFields: DestinationFieldSchema = {
  acceptsAnyField: false,
  fields: [
    { name: 'firstname', label: 'First Name', type: 'string', required: false },
    {
      name: 'lifetime_value_usd',
      label: 'Lifetime Value (USD)',
      type: 'number',
      required: false,
    },
  ],
};
/** Braze-like: any attribute name, with the ones it knows suggested. */
const braze = aDestination({
  id: 'braze',
  type: 'braze',
  typeLabel: 'Braze',
  name: 'Braze workspace',
  capabilities: { ...aDestination().capabilities, additionalFields: 'any' },
});

function render(
  destinationId: string,
  value?: FieldMapping[],
  rawErrors?: string[],
) {
  const api = new FakeAudienceSyncsApi({
    audiences: [anAudience()],
    destinations: [
      aDestination(),
      anAdDestination(),
      warehouse,
      hubspot,
      braze,
    ],
    fields: {
      hubspot: hubspotFields,
      braze: {
        acceptsAnyField: true,
        fields: [
          { name: 'tier', label: 'tier', type: 'string', required: false },
        ],
      },
    },
  });
  return renderBuilderField(FieldMappings, {
    api,
    value,
    rawErrors,
    form: {
      audienceId: 'high-value-customers',
      destination: { destinationId, object: { id: 'x' } },
    },
  });
}

const addRow = async () =>
  userEvent.click(
    await screen.findByRole('button', { name: 'Add field mapping' }),
  );

describe('FieldMappings', () => {
  it("maps the audience's traits and attributes to the destination's listed fields", async () => {
    const { onChange } = await render('salesforce-prod');
    await addRow();

    const source = screen.getByLabelText('Source field 1');
    expect(
      within(source)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'lifetime_value (trait)',
      'last_purchase_date (trait)',
      'plan_type (attribute)',
      'country (attribute)',
    ]);
    const field = screen.getByLabelText('Destination field 1');
    expect(
      within(field)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'Choose a field',
      'Customer Value — Customer_Value__c (string)',
      'Subscription Plan — Plan__c (string)',
    ]);

    await userEvent.selectOptions(source, 'attribute:plan_type');
    await userEvent.selectOptions(field, 'Plan__c');
    expect(onChange).toHaveBeenLastCalledWith([
      {
        source: { kind: 'attribute', name: 'plan_type' },
        destinationField: 'Plan__c',
      },
    ]);
  });

  it('takes any destination field name where the destination accepts arbitrary fields', async () => {
    const { onChange } = await render('warehouse');
    await addRow();

    await userEvent.type(screen.getByLabelText('Destination field 1'), 'ltv');
    expect(onChange).toHaveBeenLastCalledWith([
      {
        source: { kind: 'trait', name: 'lifetime_value' },
        destinationField: 'ltv',
      },
    ]);
  });

  it('offers no mappings for a destination that takes identifiers only, saying why', async () => {
    await render('facebook-ads');

    expect(
      await screen.findByText(
        /ad platforms typically only accept identifiers\. Facebook Ads EU takes identifiers only, so no additional fields can be mapped/,
      ),
    ).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Add field mapping' }),
    ).not.toBeInTheDocument();
  });

  it('shows the problems of each row once "Next" found some', async () => {
    const duplicate: FieldMapping[] = [
      {
        source: { kind: 'trait', name: 'lifetime_value' },
        destinationField: 'Customer_Value__c',
      },
      {
        source: { kind: 'trait', name: 'last_purchase_date' },
        destinationField: 'Customer_Value__c',
      },
    ];
    await render('salesforce-prod', duplicate, [
      "Field mapping 2: 'Customer_Value__c' is already mapped in row 1",
    ]);

    expect(
      await screen.findByLabelText('Destination field 2'),
    ).toHaveAccessibleDescription(
      "'Customer_Value__c' is already mapped in row 1",
    );
    expect(screen.getByLabelText('Destination field 1')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it("shows each problem of the shared checks on its row's input", async () => {
    await render(
      'salesforce-prod',
      [
        {
          source: { kind: 'trait', name: 'churn_score' },
          destinationField: 'Country__c',
        },
      ],
      ["Field mapping 1: destination 'Salesforce production' has no field"],
    );

    expect(
      await screen.findByLabelText('Source field 1'),
    ).toHaveAccessibleDescription(
      "audience 'High value customers' has no trait 'churn_score' (traits: lifetime_value, last_purchase_date)",
    );
    expect(
      screen.getByLabelText('Destination field 1'),
    ).toHaveAccessibleDescription(
      "destination 'Salesforce production' has no field 'Country__c' (it takes Customer_Value__c, Plan__c)",
    );
  });

  it("offers the destination's described fields by label and type, and sends the chosen field's name", async () => {
    const { onChange } = await render('hubspot');
    await addRow();

    const field = screen.getByLabelText('Destination field 1');
    expect(
      within(field)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'Choose a field',
      'First Name — firstname (string)',
      'Lifetime Value (USD) — lifetime_value_usd (number)',
    ]);
    await userEvent.selectOptions(
      field,
      'Lifetime Value (USD) — lifetime_value_usd (number)',
    );
    expect(onChange).toHaveBeenLastCalledWith([
      {
        source: { kind: 'trait', name: 'lifetime_value' },
        destinationField: 'lifetime_value_usd',
      },
    ]);
  });

  it('refuses a typed label on its row with the words of the server, naming the field it labels', async () => {
    await render(
      'hubspot',
      [
        {
          source: { kind: 'trait', name: 'lifetime_value' },
          destinationField: 'Lifetime Value (USD)',
        },
      ],
      ['Destination field 1: unknown'],
    );

    expect(
      await screen.findByLabelText('Destination field 1'),
    ).toHaveAccessibleDescription(
      "'Lifetime Value (USD)' is the label of lifetime_value_usd; map the field's name, lifetime_value_usd",
    );
  });

  it('takes free text, suggesting the known names, where the destination accepts any name', async () => {
    const { onChange } = await render('braze');
    await addRow();

    expect(
      screen.getByText(
        'Braze workspace takes any field name; a new one is created as it is named.',
      ),
    ).toBeVisible();
    const field = screen.getByLabelText('Destination field 1');
    expect(field).toHaveAttribute('list', 'root_field-0-suggestions');
    expect(
      document.querySelector('#root_field-0-suggestions option'),
    ).toHaveAttribute('value', 'tier');
    await userEvent.type(field, 'loyalty_tier');
    expect(onChange).toHaveBeenLastCalledWith([
      {
        source: { kind: 'trait', name: 'lifetime_value' },
        destinationField: 'loyalty_tier',
      },
    ]);
  });

  it("says so when the destination's fields cannot be read", async () => {
    const api = new FakeAudienceSyncsApi({
      audiences: [anAudience()],
      destinations: [hubspot],
    });
    jest
      .spyOn(api, 'describeDestinationFields')
      .mockRejectedValue(new Error('HubSpot did not answer'));
    await renderBuilderField(FieldMappings, {
      api,
      form: {
        audienceId: 'high-value-customers',
        destination: { destinationId: 'hubspot', object: { id: 'x' } },
      },
    });

    expect(
      await screen.findByText(
        /The fields of HubSpot marketing could not be read/,
      ),
    ).toBeVisible();
  });

  it('waits for the destination to be chosen', async () => {
    const api = new FakeAudienceSyncsApi({ audiences: [anAudience()] });
    await renderBuilderField(FieldMappings, {
      api,
      form: { audienceId: 'high-value-customers' },
    });
    expect(screen.getByText('Choose the destination first.')).toBeVisible();
  });
});
