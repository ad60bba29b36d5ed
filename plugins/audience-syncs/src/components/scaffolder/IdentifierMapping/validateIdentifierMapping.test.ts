import {
  anAdDestination,
  anEmailOnlyAudience,
} from '../../../__testUtils__/builderFixtures';
import { anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { validateBuilderField } from '../../../__testUtils__/validateBuilderField';
import { validateIdentifierMapping } from './validateIdentifierMapping';

const ads = anAdDestination();

describe('validateIdentifierMapping', () => {
  const api = new FakeAudienceSyncsApi({
    audiences: [
      anAudience(),
      anEmailOnlyAudience(),
      anAudience({
        id: 'app-users',
        name: 'App users',
        entityKeys: ['user_id'],
      }),
    ],
    destinations: [ads],
  });
  const form = (audienceId: string) => ({
    audienceId,
    destination: { destinationId: 'facebook-ads', object: { id: 'ca-1' } },
  });
  const validate = (identifier: any, audienceId = 'newsletter-readers') =>
    validateBuilderField(validateIdentifierMapping, identifier, {
      api,
      form: form(audienceId),
    });

  it('accepts an offered mapping only', async () => {
    await expect(
      validate({ entityKey: 'phone', field: 'PHONE' }, 'high-value-customers'),
    ).resolves.toEqual([]);
    await expect(validate(undefined, 'high-value-customers')).resolves.toEqual([
      'Choose how members are matched',
    ]);
    await expect(
      validate(
        { entityKey: 'user_id', field: 'EMAIL' },
        'high-value-customers',
      ),
    ).resolves.toEqual([
      "'EMAIL' cannot be matched from the 'user_id' key (destination 'Facebook Ads EU' takes no user_id)",
    ]);
  });

  it('checks the mapping against the audience and destination of the whole form', async () => {
    await expect(
      validate({ entityKey: 'email', field: 'EMAIL' }),
    ).resolves.toEqual([]);
    await expect(
      validate({ entityKey: 'phone', field: 'PHONE' }),
    ).resolves.toEqual([
      "audience 'Newsletter readers' has no 'phone' key (it has email, user_id)",
    ]);
  });

  it('says so when no mapping can join the audience and the destination', async () => {
    await expect(validate({}, 'app-users')).resolves.toEqual([
      'Facebook Ads EU matches members on email, phone, device_id, which App users does not have (it has user_id): choose another audience or destination',
    ]);
  });

  it('needs the audience and destination first', async () => {
    await expect(
      validateBuilderField(
        validateIdentifierMapping,
        { entityKey: 'email', field: 'EMAIL' },
        { api, form: { audienceId: 'newsletter-readers' } },
      ),
    ).resolves.toEqual(['Choose the audience and the destination first']);
  });
});
