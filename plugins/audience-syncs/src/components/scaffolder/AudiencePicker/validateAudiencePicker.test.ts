import { anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { validateBuilderField } from '../../../__testUtils__/validateBuilderField';
import { validateAudiencePicker } from './validateAudiencePicker';

const api = new FakeAudienceSyncsApi({
  audiences: [
    anAudience(),
    anAudience({ id: 'empty', name: 'Empty', memberCount: 0 }),
    anAudience({ id: 'fresh', name: 'Fresh', memberCount: null }),
  ],
});

const validate = (audienceId: string) =>
  validateBuilderField(validateAudiencePicker, audienceId, { api });

describe('validateAudiencePicker', () => {
  it('accepts an evaluated audience with members', async () => {
    await expect(validate('high-value-customers')).resolves.toEqual([]);
  });

  it('asks for an audience when there is none', async () => {
    await expect(validate('')).resolves.toEqual(['Choose an audience']);
  });

  it('refuses an empty or never evaluated audience, also when it came from the URL', async () => {
    await expect(validate('empty')).resolves.toEqual([
      "audience 'Empty' has no members; a sync needs at least one",
    ]);
    await expect(validate('fresh')).resolves.toEqual([
      "audience 'Fresh' has not been evaluated successfully yet",
    ]);
  });

  it("passes on the server's answer for an audience it cannot read", async () => {
    await expect(validate('gone')).resolves.toEqual(["No audience 'gone'"]);
  });
});
