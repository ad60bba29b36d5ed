import {
  anAdDestination,
  anEmailOnlyAudience,
} from '../../../__testUtils__/builderFixtures';
import { aDestination, anAudience } from '../../../__testUtils__/fixtures';
import { FakeAudienceSyncsApi } from '../../../__testUtils__/FakeAudienceSyncsApi';
import { validateBuilderField } from '../../../__testUtils__/validateBuilderField';
import { identifierOptions, identifierProblem } from './identifierOptions';
import { validateIdentifierMapping } from './validateIdentifierMapping';

const ads = anAdDestination();

describe('identifierOptions', () => {
  it('pairs each identifier field with the entity keys the audience has', () => {
    expect(identifierOptions(anEmailOnlyAudience(), ads)).toEqual([
      { entityKey: 'email', field: 'EMAIL', label: 'Email', hashed: true },
    ]);
    expect(
      identifierOptions(anAudience(), ads).map(
        o => `${o.entityKey}:${o.field}`,
      ),
    ).toEqual(['email:EMAIL', 'phone:PHONE', 'device_id:MADID']);
  });

  it('offers one field once per key that can feed it', () => {
    const destination = aDestination({
      capabilities: {
        ...aDestination().capabilities,
        identifierFields: [
          {
            field: 'ExternalId',
            label: 'External ID',
            entityKeys: ['user_id', 'email'],
            hashed: false,
          },
        ],
      },
    });
    expect(
      identifierOptions(anAudience(), destination).map(o => o.entityKey),
    ).toEqual(['user_id', 'email']);
  });
});

describe('identifierProblem', () => {
  const audience = anAudience();

  it('accepts an offered mapping only', () => {
    expect(
      identifierProblem({ entityKey: 'phone', field: 'PHONE' }, audience, ads),
    ).toBeUndefined();
    expect(identifierProblem(undefined, audience, ads)).toBe(
      'Choose how members are matched',
    );
    expect(
      identifierProblem(
        { entityKey: 'user_id', field: 'EMAIL' },
        audience,
        ads,
      ),
    ).toBe(
      'user_id → EMAIL is not offered; choose one of email → Email, phone → Phone Number, device_id → Mobile Advertiser ID',
    );
  });
});

describe('validateIdentifierMapping', () => {
  const api = new FakeAudienceSyncsApi({
    audiences: [anEmailOnlyAudience()],
    destinations: [ads],
  });
  const form = {
    audienceId: 'newsletter-readers',
    destination: { destinationId: 'facebook-ads', object: { id: 'ca-1' } },
  };

  it('checks the mapping against the audience and destination of the whole form', async () => {
    await expect(
      validateBuilderField(
        validateIdentifierMapping,
        { entityKey: 'email', field: 'EMAIL' },
        { api, form },
      ),
    ).resolves.toEqual([]);
    await expect(
      validateBuilderField(
        validateIdentifierMapping,
        { entityKey: 'phone', field: 'PHONE' },
        { api, form },
      ),
    ).resolves.toEqual([
      'phone → PHONE is not offered; choose one of email → Email',
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
