import { validateResourceEntity } from '../__testUtils__/validateResourceEntity';
import { anAudience, demoAudiences } from '../__testUtils__/fixtures';
import { audienceEntity } from './audienceEntity';
import { EntityDefaults } from './readProviderConfig';

const defaults: EntityDefaults = {
  owner: 'group:default/audience-owners',
  lifecycle: 'production',
  appBaseUrl: 'http://localhost:3000',
};

describe('audienceEntity', () => {
  it('describes the audience as a Resource of type audience', () => {
    expect(audienceEntity(anAudience(), defaults)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'audience-high-value-customers',
        title: 'High Value Customers',
        description: 'Customers who have spent at least $2,000 with us.',
        annotations: {
          'backstage.io/managed-by-location':
            'audience-syncs:AudienceSyncsEntityProvider',
          'backstage.io/managed-by-origin-location':
            'audience-syncs:AudienceSyncsEntityProvider',
          'audience-syncs.signalsmith.io/audience-id': 'high-value-customers',
        },
        tags: ['users', 'email', 'phone', 'user-id', 'device-id'],
        links: [
          {
            url: 'http://localhost:3000/audience-syncs?audienceId=high-value-customers',
            title: 'Syncs of this audience',
            icon: 'dashboard',
          },
        ],
      },
      spec: {
        type: 'audience',
        owner: 'group:default/marketing',
        lifecycle: 'production',
      },
    });
  });

  it.each(demoAudiences.map(a => [a.id, a]))(
    'passes the catalog validators for the demo audience %s',
    async (_id, audience) => {
      await expect(
        validateResourceEntity(audienceEntity(audience, defaults)),
      ).resolves.toBe(true);
    },
  );

  it('is checked by validators that refuse what the catalog refuses', async () => {
    const entity = audienceEntity(anAudience(), defaults);
    await expect(
      validateResourceEntity({
        ...entity,
        metadata: { ...entity.metadata, tags: ['Not a tag'] },
      }),
    ).rejects.toThrow(/tags/);
    await expect(
      validateResourceEntity({ ...entity, spec: { type: 'audience' } }),
    ).rejects.toThrow(/owner/);
  });

  it('leaves evaluation state out, so an evaluation does not change the entity', () => {
    const before = audienceEntity(anAudience(), defaults);
    const after = audienceEntity(
      anAudience({
        memberCount: 4600,
        lastEvaluatedAt: '2026-11-29T06:00:04.000Z',
        lastEvaluation: null,
      }),
      defaults,
    );
    expect(after).toEqual(before);
  });

  it('stays valid for awkward input', async () => {
    const entity = audienceEntity(
      anAudience({
        name: '  Émilie\'s "VIP" <Kunden> & Co. / 50% off 🚀  ',
        description: `${'Very long description. '.repeat(400)}\nSecond line`,
        entityType: 'B2B Accounts_EU (2026)',
        owner: '',
      }),
      { ...defaults, system: 'audience-syncs' },
    );

    await expect(validateResourceEntity(entity)).resolves.toBe(true);
    expect(entity.metadata.title).toBe(
      'Émilie\'s "VIP" <Kunden> & Co. / 50% off 🚀',
    );
    expect(entity.metadata.tags).toEqual([
      'b2b-accounts-eu-2026',
      'email',
      'phone',
      'user-id',
      'device-id',
    ]);
    expect(entity.spec).toMatchObject({
      owner: 'group:default/audience-owners',
      system: 'audience-syncs',
    });
  });

  it('leaves out what is empty: title, description, tags and, without the portal address, links', async () => {
    const entity = audienceEntity(
      anAudience({
        name: ' ',
        description: undefined,
        entityType: '__',
        entityKeys: [],
        owner: undefined as unknown as string,
      }),
      { owner: 'unknown', lifecycle: 'experimental' },
    );

    await expect(validateResourceEntity(entity)).resolves.toBe(true);
    expect(entity.metadata).not.toHaveProperty('title');
    expect(entity.metadata).not.toHaveProperty('description');
    expect(entity.metadata).not.toHaveProperty('links');
    expect(entity.metadata.tags).toEqual([]);
    expect(entity.spec).toEqual({
      type: 'audience',
      owner: 'unknown',
      lifecycle: 'experimental',
    });
  });
});
