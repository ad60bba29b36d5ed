import {
  anAdDestination,
  aWebhookDestination,
} from '../../../__testUtils__/builderFixtures';
import { aDestination } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { validateBuilderField } from '../../../__testUtils__/validateBuilderField';
import { destinationChoiceProblems } from './destinationChoiceProblems';
import { validateDestinationObjectPicker } from './validateDestinationObjectPicker';

const crm = aDestination();
const ads = anAdDestination();

describe('destinationChoiceProblems', () => {
  it('accepts an existing object, or a named new one where the destination creates them', () => {
    expect(
      destinationChoiceProblems(
        { destinationId: 'facebook-ads', object: { id: 'ca-1' } },
        ads,
      ),
    ).toEqual([]);
    expect(
      destinationChoiceProblems(
        {
          destinationId: 'salesforce-prod',
          object: { create: { name: 'Q3' } },
        },
        crm,
      ),
    ).toEqual([]);
  });

  it('requires a destination and an object', () => {
    expect(destinationChoiceProblems(undefined, undefined)).toEqual([
      'Choose a destination',
    ]);
    expect(
      destinationChoiceProblems({ destinationId: 'facebook-ads' }, ads),
    ).toEqual(['Choose a Custom Audience']);
    expect(
      destinationChoiceProblems(
        { destinationId: 'salesforce-prod', object: { create: { name: ' ' } } },
        crm,
      ),
    ).toEqual(['Name the new Campaign']);
  });

  it('refuses a destination without audience syncs, and a new object where none can be created', () => {
    expect(
      destinationChoiceProblems(
        { destinationId: 'audit-webhook', object: { id: 'x' } },
        aWebhookDestination(),
      ),
    ).toEqual([
      "destination 'Audit webhook' (Webhook) does not support audience syncs",
    ]);
    expect(
      destinationChoiceProblems(
        { destinationId: 'facebook-ads', object: { create: { name: 'New' } } },
        ads,
      ),
    ).toEqual([
      "destination 'Facebook Ads EU' does not let Backstage create a Custom Audience; create it in Facebook Ads first, then select it",
    ]);
  });
});

describe('validateDestinationObjectPicker', () => {
  const api = new FakeAudienceSyncsApi({ destinations: [crm, ads] });

  it('checks the choice against the destination the server describes', async () => {
    await expect(
      validateBuilderField(
        validateDestinationObjectPicker,
        { destinationId: 'facebook-ads', object: { create: { name: 'New' } } },
        { api },
      ),
    ).resolves.toEqual([
      "destination 'Facebook Ads EU' does not let Backstage create a Custom Audience; create it in Facebook Ads first, then select it",
    ]);
    await expect(
      validateBuilderField(
        validateDestinationObjectPicker,
        { destinationId: 'salesforce-prod', object: { id: 'cmp-q1' } },
        { api },
      ),
    ).resolves.toEqual([]);
  });

  it("passes on the server's answer for a destination it cannot read", async () => {
    await expect(
      validateBuilderField(
        validateDestinationObjectPicker,
        { destinationId: 'gone', object: { id: 'x' } },
        { api },
      ),
    ).resolves.toEqual(["No destination 'gone'"]);
  });
});
