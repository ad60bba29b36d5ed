import { screen, within } from '@testing-library/react';
import { anAdDestination } from '../../../__testUtils__/builderFixtures';
import { aDestination, anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { renderBuilderField } from '../../../__testUtils__/renderBuilderField';
import { problemsError } from '../../../__testUtils__/responseError';
import { SyncBuilderFormData } from '../SyncBuilderFormData';
import { AudienceSyncReview, REVIEWED } from './AudienceSyncReview';

const crmForm: SyncBuilderFormData = {
  audienceId: 'high-value-customers',
  destination: { destinationId: 'salesforce-prod', object: { id: 'cmp-q1' } },
  mode: 'additive',
  identifier: { entityKey: 'email', field: 'Email' },
  fieldMappings: [
    {
      source: { kind: 'trait', name: 'lifetime_value' },
      destinationField: 'Customer_Value__c',
    },
  ],
  schedule: { type: 'hourly' },
  runNow: true,
};

function setup() {
  const api = new FakeAudienceSyncsApi({
    // The member count as the latest evaluation left it.
    audiences: [anAudience({ memberCount: 48_213 })],
    destinations: [aDestination(), anAdDestination()],
    objects: {
      'salesforce-prod': [{ id: 'cmp-q1', name: 'Q1 Retention Campaign' }],
    },
  });
  const dryRun = jest.spyOn(api, 'dryRunCreateSync');
  const render = (form: SyncBuilderFormData) =>
    renderBuilderField(AudienceSyncReview, { api, form });
  return { api, dryRun, render };
}

/** The value of a row of the summary, by its title. */
const row = (title: string) =>
  screen.getByText(title).closest('tr')!.lastElementChild as HTMLElement;

describe('AudienceSyncReview', () => {
  it('summarizes the whole configuration, with the current member count', async () => {
    const { render } = setup();
    await render(crmForm);

    await screen.findByText('Q1 Retention Campaign');
    expect(row('Audience')).toHaveTextContent(
      /^High value customers · 48,213 members \(users\)/,
    );
    expect(row('Destination')).toHaveTextContent('Salesforce production');
    expect(row('Campaign')).toHaveTextContent('Q1 Retention Campaign');
    expect(row('Sync mode')).toHaveTextContent(
      'Additive: Only add new members, never remove',
    );
    expect(row('Identifier mapping')).toHaveTextContent('email → Email');
    expect(row('Field mappings')).toHaveTextContent(
      'lifetime_value (trait) → Customer Value',
    );
    expect(row('Schedule')).toHaveTextContent(
      'Hourly (UTC)First run: right after the sync is created',
    );
  });

  it('names a new object, notes hashing, and says when a manual sync first runs', async () => {
    const { render } = setup();
    await render({
      audienceId: 'high-value-customers',
      destination: {
        destinationId: 'facebook-ads',
        object: { create: { name: 'Winter lookalikes' } },
      },
      identifier: { entityKey: 'email', field: 'EMAIL' },
      schedule: { type: 'manual' },
      runNow: false,
    });

    expect(await screen.findByText('new: Winter lookalikes')).toBeVisible();
    expect(row('Identifier mapping')).toHaveTextContent(
      'email → Email, normalized and SHA-256 hashed',
    );
    expect(row('Sync mode')).toHaveTextContent(/^Mirror/);
    expect(row('Field mappings')).toHaveTextContent('None');
    expect(row('Schedule')).toHaveTextContent(
      'ManualFirst run: when started with Run now',
    );
  });

  it('gives the time of the first scheduled run when the sync does not run now', async () => {
    const { render } = setup();
    await render({ ...crmForm, runNow: false });

    expect(
      await screen.findByText(/^First run: .+ \(your time\)$/),
    ).toBeVisible();
  });

  it("shows the server's verdict on the whole form: ready, with its warnings", async () => {
    const { api, render, dryRun } = setup();
    api.dryRunWarnings = [
      'This sync runs more often (hourly (UTC)) than the audience is evaluated (daily at 00:00 (UTC)): runs between evaluations will find no new members. Choose the same frequency or slower.',
    ];
    const { onChange } = await render(crmForm);

    expect(await screen.findByText('Ready to create')).toBeVisible();
    expect(screen.getByText(/This sync runs more often/)).toBeVisible();
    expect(dryRun).toHaveBeenCalledTimes(1);
    expect(dryRun).toHaveBeenCalledWith({
      audienceId: 'high-value-customers',
      destinationId: 'salesforce-prod',
      object: { id: 'cmp-q1' },
      mode: 'additive',
      identifier: { entityKey: 'email', field: 'Email' },
      fieldMappings: crmForm.fieldMappings,
      schedule: { type: 'hourly' },
      runNow: true,
    });
    // Its own value, so that the scaffolder runs its validation on "Next".
    expect(onChange).toHaveBeenCalledWith(REVIEWED);
  });

  it("lists the server's problems under the builder's names for the fields", async () => {
    const { render, dryRun } = setup();
    dryRun.mockRejectedValue(
      await problemsError([
        {
          field: 'audienceId',
          code: 'audience_empty',
          message:
            "audience 'High value customers' has no members; a sync needs at least one",
        },
        {
          field: 'fieldMappings[0].destinationField',
          code: 'field_mapping_field_unknown',
          message:
            "destination 'Salesforce production' has no field 'Customer_Value__c' (it takes Plan__c)",
        },
      ]),
    );
    await render(crmForm);

    const alert = (await screen.findByText('Not ready to create')).closest(
      '[role="alert"]',
    ) as HTMLElement;
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      "Audience: audience 'High value customers' has no members; a sync needs at least one",
      "Field mapping 1: destination 'Salesforce production' has no field 'Customer_Value__c' (it takes Plan__c)",
    ]);
  });

  it('shows the projected first run: members to send, and by reason those that cannot be sent', async () => {
    const { api, render } = setup();
    api.firstRun = {
      evaluationId: 4,
      audienceMembers: 48_213,
      sendable: 47_700,
      unsendable: [
        {
          code: 'missing_identifier',
          message: 'No email',
          count: 501,
          sampleMemberKeys: ['c-17', 'c-90'],
        },
        {
          code: 'invalid_email',
          message: "'bob@' is not an email address",
          count: 12,
          sampleMemberKeys: ['c-3'],
        },
      ],
    };
    await render(crmForm);

    const projected = await screen.findByLabelText('Projected first run');
    expect(projected).toHaveTextContent(
      'The first run sends 47,700 of 48,213 members by email → Email',
    );
    const reasons = within(projected).getAllByRole('listitem');
    expect(reasons.map(r => r.textContent)).toEqual([
      '501 members cannot be sent: No identifier to send the member by (for example c-17, c-90: No email)',
      "12 members cannot be sent: Not a valid email address (for example c-3: 'bob@' is not an email address)",
    ]);
  });
});
