import {
  RunningEmulator,
  startHubSpotEmulator,
} from '@internal/destination-emulators';
import { SyncTarget } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { testConnector } from '../../__testUtils__/testConnector';
import { hubSpotConnector } from './hubSpotConnector';

const TOKEN = 'pat-na1-fields-test';
const LIST = { id: '7', name: 'Newsletter' };

let hubspot: RunningEmulator;

beforeAll(async () => {
  hubspot = await startHubSpotEmulator({
    accessTokens: [TOKEN],
    lists: [{ listId: LIST.id, name: LIST.name }],
    customProperties: [
      {
        name: 'lifetime_value_usd',
        label: 'Lifetime Value (USD)',
        type: 'number',
      },
      { name: 'signup_date', label: 'Signup Date', type: 'date' },
    ],
  });
});

beforeEach(() => hubspot.reset());

afterAll(() => hubspot.close());

const { connect } = testConnector(hubSpotConnector, {
  settings: () => ({ baseUrl: hubspot.url, accessToken: TOKEN }),
  secrets: [TOKEN],
});

async function storedProperties(email: string) {
  const res = await fetch(`${hubspot.url}/crm/v3/objects/contacts/batch/read`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      idProperty: 'email',
      inputs: [{ id: email }],
      properties: ['lifetime_value_usd', 'signup_date'],
    }),
  });
  return (await res.json()).results[0]?.properties;
}

describe('HubSpot contact properties', () => {
  it('describes the writable contact properties with their labels and types, leaving out computed ones', async () => {
    const client = await connect();
    const schema = await client.describeFields!(LIST);

    expect(schema.acceptsAnyField).toBe(false);
    const byName = new Map((schema.fields ?? []).map(f => [f.name, f]));
    expect(byName.get('lifetime_value_usd')).toEqual({
      name: 'lifetime_value_usd',
      label: 'Lifetime Value (USD)',
      type: 'number',
      required: false,
    });
    expect(byName.get('signup_date')?.type).toBe('date');
    expect(byName.get('firstname')?.label).toBe('First Name');
    // Read-only and calculated properties: HubSpot computes them and refuses values for them.
    for (const computed of [
      'createdate',
      'hs_object_id',
      'num_associated_deals',
    ]) {
      expect(byName.has(computed)).toBe(false);
    }
  });

  it('writes values converted to the properties’ types, and HubSpot refuses a property it does not have', async () => {
    const client = await connect();
    const fieldSchema = await client.describeFields!(LIST);
    const target = (destinationField: string): SyncTarget => ({
      object: LIST,
      identifier: { entityKey: 'email', field: 'email' },
      fieldMappings: [
        { source: { kind: 'trait', name: 'ltv' }, destinationField },
        {
          source: { kind: 'trait', name: 'since' },
          destinationField: 'signup_date',
        },
      ],
      fieldSchema,
    });
    const member = {
      memberKey: 'm1',
      keys: { email: 'ada@example.com' },
      fields: { ltv: '1250.5', since: '2024-03-05T10:15:00Z' },
    };

    const known = target('lifetime_value_usd');
    const prepared = client.prepare(member, known);
    expect(prepared).toMatchObject({
      ok: true,
      row: {
        fields: { lifetime_value_usd: 1250.5, signup_date: '2024-03-05' },
      },
    });
    if (!prepared.ok) throw new Error(prepared.reason);
    await expect(
      client.applyBatch({
        operation: 'add',
        target: known,
        rows: [prepared.row],
      }),
    ).resolves.toEqual({ rejected: [] });
    expect(await storedProperties('ada@example.com')).toMatchObject({
      lifetime_value_usd: '1250.5',
      signup_date: '2024-03-05',
    });

    // The label typed for the name, as a new user would: HubSpot refuses the contact.
    const typedLabel = target('Lifetime Value (USD)');
    const row = client.prepare(member, typedLabel);
    if (!row.ok) throw new Error(row.reason);
    const { rejected } = await client.applyBatch({
      operation: 'add',
      target: typedLabel,
      rows: [{ ...row.row, memberKey: 'm2' }],
    });
    expect(rejected).toEqual([
      expect.objectContaining({
        memberKey: 'm2',
        message: expect.stringContaining(
          'Property "Lifetime Value (USD)" does not exist',
        ),
        retryable: false,
      }),
    ]);
  });

  it('refuses a value of the wrong type as HubSpot does', async () => {
    const res = await fetch(
      `${hubspot.url}/crm/v3/objects/contacts/batch/upsert`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          inputs: [
            {
              idProperty: 'email',
              id: 'ada@example.com',
              properties: { lifetime_value_usd: 'lots' },
            },
          ],
        }),
      },
    );
    const body = await res.json();
    expect(body.errors?.[0] ?? body).toMatchObject({
      category: 'VALIDATION_ERROR',
      subCategory: 'INVALID_PROPERTY_VALUE',
    });
  });
});
