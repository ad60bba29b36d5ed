import {
  aCrmDestination,
  anAdDestination,
  anAudience,
} from '../__testUtils__/fixtures';
import { FieldMapping } from '../types';
import { fieldMappingProblems } from './fieldMappingProblems';

const audience = anAudience();
const crm = aCrmDestination();

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
    ).toEqual([]);
    expect(fieldMappingProblems([], audience, anAdDestination())).toEqual([]);
  });

  it('refuses any mapping to a destination that takes identifiers only', () => {
    expect(
      fieldMappingProblems(
        [mapping('lifetime_value', 'value')],
        audience,
        anAdDestination(),
      ),
    ).toEqual([
      {
        field: 'fieldMappings',
        code: 'field_mappings_unsupported',
        message:
          "destination 'Facebook Ads EU' (Facebook Ads) takes identifiers only, no additional fields",
      },
    ]);
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
      ),
    ).toEqual([
      {
        field: 'fieldMappings[1].destinationField',
        code: 'required',
        message: 'is required',
      },
      {
        field: 'fieldMappings[2].source.name',
        code: 'field_mapping_source_unknown',
        message:
          "audience 'High value customers' has no trait 'churn_score' (traits: lifetime_value, last_purchase_date)",
      },
      {
        field: 'fieldMappings[2].destinationField',
        code: 'field_mapping_duplicate',
        message: "'Customer_Value__c' is already mapped in row 1",
      },
      {
        field: 'fieldMappings[3].destinationField',
        code: 'field_mapping_field_unknown',
        message:
          "destination 'Salesforce production' has no field 'Country__c' (it takes Customer_Value__c, Plan__c)",
      },
    ]);
  });

  it('says so when the audience has none of the kind a row names', () => {
    expect(
      fieldMappingProblems(
        [mapping('country', 'Plan__c')],
        anAudience({ traits: [] }),
        crm,
      ),
    ).toEqual([
      expect.objectContaining({
        message:
          "audience 'High value customers' has no trait 'country' (traits: none)",
      }),
    ]);
  });

  it('takes any field name where the destination accepts arbitrary fields', () => {
    const warehouse = aCrmDestination({
      capabilities: { ...crm.capabilities, additionalFields: 'any' },
    });
    expect(
      fieldMappingProblems(
        [mapping('country', 'geo', 'attribute')],
        audience,
        warehouse,
      ),
    ).toEqual([]);
  });

  describe("against the object's described fields", () => {
    const hubspot = aCrmDestination({
      name: 'HubSpot marketing',
      capabilities: { ...crm.capabilities, additionalFields: 'any' },
    });
    const schema = {
      acceptsAnyField: false as const,
      fields: [
        {
          name: 'lifetime_value_usd',
          label: 'Lifetime Value (USD)',
          type: 'number' as const,
          required: false,
        },
        {
          name: 'plan',
          label: 'Subscription plan',
          type: 'string' as const,
          required: false,
        },
      ],
    };

    it('accepts described field names', () => {
      expect(
        fieldMappingProblems(
          [mapping('lifetime_value', 'lifetime_value_usd')],
          audience,
          hubspot,
          schema,
        ),
      ).toEqual([]);
    });

    it('refuses a typed label, naming the field it labels', () => {
      expect(
        fieldMappingProblems(
          [
            mapping('lifetime_value', 'plan'),
            mapping('last_purchase_date', ' Lifetime Value (USD) '),
          ],
          audience,
          hubspot,
          schema,
        ),
      ).toEqual([
        {
          field: 'fieldMappings[1].destinationField',
          code: 'field_mapping_field_unknown',
          message:
            "'Lifetime Value (USD)' is the label of lifetime_value_usd; map the field's name, lifetime_value_usd",
        },
      ]);
    });

    it('refuses an unknown name with the fields it could be, and suggests a name typed in another case', () => {
      expect(
        fieldMappingProblems(
          [
            mapping('lifetime_value', 'ltv'),
            mapping('last_purchase_date', 'PLAN'),
          ],
          audience,
          hubspot,
          schema,
        ).map(p => p.message),
      ).toEqual([
        "destination 'HubSpot marketing' has no field 'ltv' (it takes lifetime_value_usd, plan)",
        "destination 'HubSpot marketing' has no field 'PLAN'; did you mean plan?",
      ]);
    });

    it('takes any name where the object accepts any field, even with known fields listed', () => {
      expect(
        fieldMappingProblems(
          [mapping('lifetime_value', 'anything_new')],
          audience,
          hubspot,
          { acceptsAnyField: true, fields: schema.fields },
        ),
      ).toEqual([]);
    });
  });
});
