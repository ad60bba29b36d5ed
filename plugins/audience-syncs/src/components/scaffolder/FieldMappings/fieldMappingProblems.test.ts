import { FieldMapping } from '@internal/plugin-audience-syncs-common';
import { anAdDestination } from '../../../__testUtils__/builderFixtures';
import { aDestination, anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { validateBuilderField } from '../../../__testUtils__/validateBuilderField';
import { fieldMappingProblems } from './fieldMappingProblems';
import { validateFieldMappings } from './validateFieldMappings';

const audience = anAudience();
const crm = aDestination();

const mapping = (
  name: string,
  destinationField: string,
  kind: 'trait' | 'attribute' = 'trait',
): FieldMapping => ({ source: { kind, name }, destinationField });

describe('fieldMappingProblems', () => {
  it('accepts known sources mapped to distinct listed fields, and no mappings at all', () => {
    expect(
      fieldMappingProblems(
        [
          mapping('lifetime_value', 'Customer_Value__c'),
          mapping('plan_type', 'Plan__c', 'attribute'),
        ],
        audience,
        crm,
      ),
    ).toEqual({ rows: {} });
    expect(fieldMappingProblems([], audience, anAdDestination())).toEqual({
      rows: {},
    });
  });

  it('refuses any mapping to a destination that takes identifiers only', () => {
    expect(
      fieldMappingProblems(
        [mapping('lifetime_value', 'value')],
        audience,
        anAdDestination(),
      ),
    ).toEqual({
      general:
        'Facebook Ads EU (Facebook Ads) takes identifiers only: remove the field mappings',
      rows: {},
    });
  });

  it('names the problems of each row', () => {
    expect(
      fieldMappingProblems(
        [
          mapping('lifetime_value', 'Customer_Value__c'),
          mapping('plan_type', ' ', 'attribute'),
          mapping('churn_score', 'Customer_Value__c'),
          mapping('country', 'Country__c', 'attribute'),
        ],
        audience,
        crm,
      ).rows,
    ).toEqual({
      1: { destinationField: 'A destination field is required' },
      2: {
        source: "High value customers has no trait 'churn_score'",
        destinationField: "'Customer_Value__c' is already mapped in row 1",
      },
      3: {
        destinationField: "Salesforce production has no field 'Country__c'",
      },
    });
  });

  it('takes any field name where the destination accepts arbitrary fields', () => {
    const warehouse = aDestination({
      capabilities: { ...crm.capabilities, additionalFields: 'any' },
    });
    expect(
      fieldMappingProblems(
        [mapping('country', 'geo', 'attribute')],
        audience,
        warehouse,
      ),
    ).toEqual({ rows: {} });
  });
});

describe('validateFieldMappings', () => {
  const api = new FakeAudienceSyncsApi({
    audiences: [audience],
    destinations: [crm],
  });
  const form = {
    audienceId: 'high-value-customers',
    destination: { destinationId: 'salesforce-prod', object: { id: 'x' } },
  };

  it('reports each problem with its row', async () => {
    await expect(
      validateBuilderField(
        validateFieldMappings,
        [
          mapping('lifetime_value', 'Customer_Value__c'),
          mapping('last_purchase_date', ''),
        ],
        { api, form },
      ),
    ).resolves.toEqual(['Field mapping 2: A destination field is required']);
  });

  it('accepts no mappings without asking the server', async () => {
    await expect(
      validateBuilderField(validateFieldMappings, [], {}),
    ).resolves.toEqual([]);
  });
});
