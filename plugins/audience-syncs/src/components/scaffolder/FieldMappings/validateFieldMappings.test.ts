import { FieldMapping } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { anAdDestination } from '../../../__testUtils__/builderFixtures';
import { aDestination, anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { validateBuilderField } from '../../../__testUtils__/validateBuilderField';
import { validateFieldMappings } from './validateFieldMappings';

const audience = anAudience();
const crm = aDestination();

const mapping = (
  name: string,
  destinationField: string,
  kind: 'trait' | 'attribute' = 'trait',
): FieldMapping => ({ source: { kind, name }, destinationField });

describe('validateFieldMappings', () => {
  const api = new FakeAudienceSyncsApi({
    audiences: [audience],
    destinations: [crm, anAdDestination()],
  });
  const form = (destinationId = 'salesforce-prod') => ({
    audienceId: 'high-value-customers',
    destination: { destinationId, object: { id: 'x' } },
  });

  it('reports each problem with its row', async () => {
    await expect(
      validateBuilderField(
        validateFieldMappings,
        [
          mapping('lifetime_value', 'Customer_Value__c'),
          mapping('last_purchase_date', ''),
          mapping('churn_score', 'Customer_Value__c'),
        ],
        { api, form: form() },
      ),
    ).resolves.toEqual([
      'Destination field 2: is required',
      "Source field 3: audience 'High value customers' has no trait 'churn_score' (traits: lifetime_value, last_purchase_date)",
      "Destination field 3: 'Customer_Value__c' is already mapped in row 1",
    ]);
  });

  it("refuses a field the destination object does not have, with the server's words", async () => {
    const hubspot = aDestination({
      id: 'hubspot',
      name: 'HubSpot marketing',
      capabilities: { ...crm.capabilities, additionalFields: 'any' },
    });
    const described = new FakeAudienceSyncsApi({
      audiences: [audience],
      destinations: [hubspot],
      fields: {
        hubspot: {
          acceptsAnyField: false,
          fields: [
            {
              name: 'lifetime_value_usd',
              label: 'Lifetime Value (USD)',
              type: 'number',
              required: false,
            },
          ],
        },
      },
    });
    const describe = jest.spyOn(described, 'describeDestinationFields');
    await expect(
      validateBuilderField(
        validateFieldMappings,
        [
          mapping('lifetime_value', 'Lifetime Value (USD)'),
          mapping('last_purchase_date', 'last_purchase'),
        ],
        { api: described, form: form('hubspot') },
      ),
    ).resolves.toEqual([
      "Destination field 1: 'Lifetime Value (USD)' is the label of lifetime_value_usd; map the field's name, lifetime_value_usd",
      "Destination field 2: destination 'HubSpot marketing' has no field 'last_purchase' (it takes lifetime_value_usd)",
    ]);
    expect(describe).toHaveBeenCalledWith('hubspot', { id: 'x' });
  });

  it('refuses any mapping to a destination that takes identifiers only', async () => {
    await expect(
      validateBuilderField(
        validateFieldMappings,
        [mapping('lifetime_value', 'value')],
        { api, form: form('facebook-ads') },
      ),
    ).resolves.toEqual([
      "destination 'Facebook Ads EU' (Facebook Ads) takes identifiers only, no additional fields",
    ]);
  });

  it('accepts known sources mapped to distinct listed fields', async () => {
    await expect(
      validateBuilderField(
        validateFieldMappings,
        [
          mapping('lifetime_value', 'Customer_Value__c'),
          mapping('plan_type', 'Plan__c', 'attribute'),
        ],
        { api, form: form() },
      ),
    ).resolves.toEqual([]);
  });

  it('accepts no mappings without asking the server', async () => {
    await expect(
      validateBuilderField(validateFieldMappings, [], {}),
    ).resolves.toEqual([]);
  });
});
