import {
  SALESFORCE_EMULATOR_DEFAULTS,
  startSalesforceEmulator,
} from '@internal/destination-emulators';
import { describeConnectorConformance } from '@signalsmith/backstage-plugin-audience-syncs-node/testUtils';
import { salesforceConnector } from './salesforceConnector';

const TOKEN = 'conformance-salesforce-token';
/** Enough people for a batch of batchSize + 1 and the non-members the suite removes. */
const PEOPLE = 220;
/** An add of Contacts is two calls: the Contact lookup and the CampaignMember write. */
const CALLS_PER_ADD = 2;

const email = (i: number) => `member.${i}@example.com`;

async function startOrg() {
  return startSalesforceEmulator({
    accessTokens: [TOKEN],
    customFields: [
      {
        name: 'Lifetime_Value__c',
        label: 'Lifetime Value (USD)',
        type: 'currency',
      },
      { name: 'Is_VIP__c', label: 'VIP', type: 'boolean' },
      { name: 'Last_Seen__c', label: 'Last Seen', type: 'datetime' },
    ],
    org: {
      // Every fifth person is a Lead, so the suite's batches use both lookups.
      contacts: Array.from({ length: PEOPLE }, (_, i) => i)
        .filter(i => i % 5 !== 4)
        .map(i => ({ LastName: `Member ${i}`, Email: email(i) })),
      leads: Array.from({ length: PEOPLE }, (_, i) => i)
        .filter(i => i % 5 === 4)
        .map(i => ({
          LastName: `Member ${i}`,
          Company: 'Conformance',
          Email: email(i),
        })),
    },
  });
}

describeConnectorConformance('Salesforce', {
  connector: salesforceConnector,
  requestsPerBatch: CALLS_PER_ADD,
  startEmulator: startOrg,
  settings: emulator => ({ instanceUrl: emulator.url, accessToken: TOKEN }),
  wrongCredentials: {
    settings: emulator => ({
      instanceUrl: emulator.url,
      accessToken: SALESFORCE_EMULATOR_DEFAULTS.accessToken,
    }),
    setting: 'accessToken',
    secret: SALESFORCE_EMULATOR_DEFAULTS.accessToken,
  },
  identifier: { entityKey: 'email', field: 'Email' },
  fieldsToWrite: [
    'Title',
    'Lifetime_Value__c',
    'Is_VIP__c',
    'Last_Seen__c',
    'DoNotCall',
  ],
  // An email no Contact or Lead of the org has: Salesforce finds nobody to add to the campaign.
  refusedRow: i => ({
    memberKey: `refused-${i}`,
    identifier: `refused.${i}@example.com`,
    fields: {},
  }),
});
