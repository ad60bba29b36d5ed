import { aDestination, anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import {
  problemsError,
  responseError,
} from '../../../__testUtils__/responseError';
import { validateBuilderField } from '../../../__testUtils__/validateBuilderField';
import { SyncBuilderFormData } from '../SyncBuilderFormData';
import { INCOMPLETE_FORM } from '../toCreateSyncRequest';
import { REVIEWED } from './AudienceSyncReview';
import { validateAudienceSyncReview } from './validateAudienceSyncReview';

const form: SyncBuilderFormData = {
  audienceId: 'high-value-customers',
  destination: { destinationId: 'salesforce-prod', object: { id: 'cmp-q1' } },
  identifier: { entityKey: 'email', field: 'Email' },
  schedule: { type: 'daily' },
};

function setup() {
  const api = new FakeAudienceSyncsApi({
    audiences: [anAudience()],
    destinations: [aDestination()],
  });
  const dryRun = jest.spyOn(api, 'dryRunCreateSync');
  const validate = (data: SyncBuilderFormData) =>
    validateBuilderField(validateAudienceSyncReview, REVIEWED, {
      api,
      form: data,
    });
  return { dryRun, validate };
}

describe('validateAudienceSyncReview', () => {
  it('passes a form the server would create', async () => {
    const { validate, dryRun } = setup();
    await expect(validate(form)).resolves.toEqual([]);
    expect(dryRun).toHaveBeenCalledWith({
      audienceId: 'high-value-customers',
      destinationId: 'salesforce-prod',
      object: { id: 'cmp-q1' },
      identifier: { entityKey: 'email', field: 'Email' },
      schedule: { type: 'daily' },
    });
  });

  it("blocks the create with each of the server's problems", async () => {
    const { validate, dryRun } = setup();
    dryRun.mockRejectedValue(
      await problemsError([
        {
          field: 'schedule.cron',
          code: 'cron_invalid',
          message: "'0 9' is not a valid cron expression",
        },
        {
          field: 'object.id',
          code: 'object_not_found',
          message:
            "destination 'Salesforce production' has no Campaign 'cmp-q1'",
        },
      ]),
    );
    await expect(validate(form)).resolves.toEqual([
      "Schedule: '0 9' is not a valid cron expression",
      "Destination object: destination 'Salesforce production' has no Campaign 'cmp-q1'",
    ]);
  });

  it("passes on a refusal that is not about the form, e.g. the user's permission", async () => {
    const { validate, dryRun } = setup();
    dryRun.mockRejectedValue(
      await responseError(
        403,
        'NotAllowedError',
        'Not allowed to audience-sync.create',
      ),
    );
    await expect(validate(form)).resolves.toEqual([
      'Not allowed to audience-sync.create',
    ]);
  });

  it('asks for the missing choices before asking the server', async () => {
    const { validate, dryRun } = setup();
    await expect(validate({ ...form, identifier: undefined })).resolves.toEqual(
      [INCOMPLETE_FORM],
    );
    expect(dryRun).not.toHaveBeenCalled();
  });
});
