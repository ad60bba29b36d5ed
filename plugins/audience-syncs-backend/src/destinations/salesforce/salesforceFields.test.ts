import {
  RunningEmulator,
  startSalesforceEmulator,
} from '@internal/destination-emulators';
import { SyncTarget } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { testConnector } from '../../__testUtils__/testConnector';
import { salesforceConnector } from './salesforceConnector';

const TOKEN = '00DEm!fields-test-session';

let salesforce: RunningEmulator;

beforeAll(async () => {
  salesforce = await startSalesforceEmulator({
    accessTokens: [TOKEN],
    customFields: [
      {
        name: 'Lifetime_Value__c',
        label: 'Lifetime Value (USD)',
        type: 'currency',
      },
      { name: 'Last_Purchase__c', label: 'Last Purchase', type: 'date' },
    ],
    org: {
      contacts: [{ LastName: 'Lovelace', Email: 'ada@example.com' }],
      campaigns: [{ Name: 'Spring' }],
    },
  });
});

beforeEach(() => salesforce.reset());

afterAll(() => salesforce.close());

const { connect } = testConnector(salesforceConnector, {
  settings: () => ({ instanceUrl: salesforce.url, accessToken: TOKEN }),
  secrets: [TOKEN],
});

async function contactOf(email: string) {
  const soql = `SELECT Lifetime_Value__c, Last_Purchase__c FROM Contact WHERE Email = '${email}'`;
  const res = await fetch(
    `${salesforce.url}/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
    { headers: { authorization: `Bearer ${TOKEN}` } },
  );
  return (await res.json()).records[0];
}

describe('Salesforce Contact and Lead fields', () => {
  it('describes the fields that can be updated on both Contact and Lead, with labels and types', async () => {
    const client = await connect();
    const [campaign] = await client.listObjects();
    const schema = await client.describeFields!(campaign);

    expect(schema.acceptsAnyField).toBe(false);
    const byName = new Map((schema.fields ?? []).map(f => [f.name, f]));
    expect(byName.get('Lifetime_Value__c')).toEqual({
      name: 'Lifetime_Value__c',
      label: 'Lifetime Value (USD)',
      type: 'number',
      required: false,
    });
    expect(byName.get('Last_Purchase__c')?.type).toBe('date');
    expect(byName.get('DoNotCall')?.type).toBe('boolean');
    expect(byName.get('LastName')?.required).toBe(true);
    // Computed fields, and fields only one of the two objects has.
    for (const absent of [
      'Id',
      'Name',
      'CreatedDate',
      'Birthdate',
      'Company',
    ]) {
      expect(byName.has(absent)).toBe(false);
    }

    const contactsOnly = await connect({ matchLeads: false });
    const contactFields =
      (await contactsOnly.describeFields!(campaign)).fields ?? [];
    expect(contactFields.map(f => f.name)).toContain('Birthdate');
  });

  it('writes converted values to the Contact, and Salesforce refuses a field it does not have', async () => {
    const client = await connect();
    const [campaign] = await client.listObjects();
    const fieldSchema = await client.describeFields!(campaign);
    const target = (destinationField: string): SyncTarget => ({
      object: campaign,
      identifier: { entityKey: 'email', field: 'Email' },
      fieldMappings: [
        { source: { kind: 'trait', name: 'ltv' }, destinationField },
        {
          source: { kind: 'trait', name: 'bought' },
          destinationField: 'Last_Purchase__c',
        },
      ],
      fieldSchema,
    });
    const member = {
      memberKey: 'ada',
      keys: { email: 'ada@example.com' },
      fields: { ltv: '1250.50', bought: '2024-03-05 18:30:00' },
    };

    const known = target('Lifetime_Value__c');
    const prepared = client.prepare(member, known);
    if (!prepared.ok) throw new Error(prepared.reason);
    await expect(
      client.applyBatch({
        operation: 'add',
        target: known,
        rows: [prepared.row],
      }),
    ).resolves.toEqual({ rejected: [] });
    expect(await contactOf('ada@example.com')).toMatchObject({
      Lifetime_Value__c: 1250.5,
      Last_Purchase__c: '2024-03-05',
    });

    const typedLabel = target('Lifetime Value (USD)');
    const row = client.prepare(member, typedLabel);
    if (!row.ok) throw new Error(row.reason);
    const { rejected } = await client.applyBatch({
      operation: 'update',
      target: typedLabel,
      rows: [row.row],
    });
    expect(rejected).toEqual([
      expect.objectContaining({
        memberKey: 'ada',
        message: expect.stringContaining(
          "No such column 'Lifetime Value (USD)'",
        ),
        retryable: false,
      }),
    ]);
  });
});
