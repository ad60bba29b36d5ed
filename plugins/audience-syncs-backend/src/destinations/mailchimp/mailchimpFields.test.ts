import {
  RunningEmulator,
  startMailchimpEmulator,
} from '@internal/destination-emulators';
import { testConnector } from '../../__testUtils__/testConnector';
import { mailchimpConnector } from './mailchimpConnector';

const KEY = '0123456789abcdef0123456789abcdef-us6';
const LIST = 'f1e1d5';

let mailchimp: RunningEmulator;

beforeAll(async () => {
  mailchimp = await startMailchimpEmulator({
    apiKeys: [KEY],
    lists: [
      {
        id: LIST,
        name: 'Newsletter',
        mergeFields: [
          { tag: 'LTV', name: 'Lifetime Value (USD)', type: 'number' },
          { tag: 'PLAN', name: 'Plan', type: 'text', required: true },
          { tag: 'SIGNUP', name: 'Signup Date', type: 'date' },
        ],
      },
    ],
  });
});

afterAll(() => mailchimp.close());

const { connect, failure } = testConnector(mailchimpConnector, {
  settings: () => ({ baseUrl: mailchimp.url, apiKey: KEY, listId: LIST }),
  secrets: [KEY],
});

describe('Mailchimp merge fields', () => {
  it("describes the audience's merge fields by tag, with their names as labels and their types", async () => {
    const client = await connect();
    const tag = await client.createObject!('VIP');
    const schema = await client.describeFields!(tag);

    expect(schema.acceptsAnyField).toBe(false);
    expect(schema.fields).toEqual(
      expect.arrayContaining([
        { name: 'FNAME', label: 'First Name', type: 'string', required: false },
        {
          name: 'LTV',
          label: 'Lifetime Value (USD)',
          type: 'number',
          required: false,
        },
        { name: 'PLAN', label: 'Plan', type: 'string', required: true },
        { name: 'SIGNUP', label: 'Signup Date', type: 'date', required: false },
      ]),
    );
  });

  it('refuses a batch that maps to a merge field the audience lacks, naming it', async () => {
    const client = await connect();
    const tag = await client.createObject!('Lapsed');
    const fieldSchema = await client.describeFields!(tag);
    const target = {
      object: tag,
      identifier: { entityKey: 'email' as const, field: 'email_address' },
      fieldMappings: [
        {
          source: { kind: 'trait' as const, name: 'ltv' },
          destinationField: 'LIFETIME',
        },
      ],
      fieldSchema,
    };
    const prepared = client.prepare(
      {
        memberKey: 'm1',
        keys: { email: 'ada@example.com' },
        fields: { ltv: 3 },
      },
      target,
    );
    if (!prepared.ok) throw new Error(prepared.reason);
    const error = await failure(
      client.applyBatch({ operation: 'add', target, rows: [prepared.row] }),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('has no merge field LIFETIME');
  });
});
