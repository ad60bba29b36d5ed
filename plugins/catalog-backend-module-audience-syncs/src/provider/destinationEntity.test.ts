import { stringifyEntityRef } from '@backstage/catalog-model';
import { validateResourceEntity } from '../__testUtils__/validateResourceEntity';
import {
  aDestination,
  anAudience,
  demoDestinations,
} from '../__testUtils__/fixtures';
import { audienceEntity } from './audienceEntity';
import { destinationEntity } from './destinationEntity';
import { EntityDefaults } from './readProviderConfig';

const defaults: EntityDefaults = {
  owner: 'group:default/audience-owners',
  lifecycle: 'production',
  appBaseUrl: 'https://portal.example.com/',
};

describe('destinationEntity', () => {
  it('describes the destination as a Resource of type audience-destination that depends on nothing', () => {
    expect(destinationEntity(aDestination(), defaults)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'destination-facebook-ads',
        title: 'Facebook Ads (demo ad account)',
        description: 'Custom Audiences of the demo ad account.',
        annotations: {
          'backstage.io/managed-by-location':
            'audience-syncs:AudienceSyncsEntityProvider',
          'backstage.io/managed-by-origin-location':
            'audience-syncs:AudienceSyncsEntityProvider',
          'audience-syncs.signalsmith.io/destination-id': 'facebook-ads',
        },
        tags: ['facebook-ads'],
        links: [
          {
            url: 'https://portal.example.com/audience-syncs?destinationId=facebook-ads',
            title: 'Syncs to this destination',
            icon: 'dashboard',
          },
        ],
      },
      spec: {
        type: 'audience-destination',
        owner: 'group:default/growth',
        lifecycle: 'production',
      },
    });
  });

  it.each(demoDestinations.map(d => [d.id, d]))(
    'passes the catalog validators for the demo destination %s',
    async (_id, destination) => {
      await expect(
        validateResourceEntity(destinationEntity(destination, defaults)),
      ).resolves.toBe(true);
    },
  );

  it('does not clash with an audience of the same id', () => {
    const destination = destinationEntity(
      aDestination({ id: 'salesforce' }),
      defaults,
    );
    const audience = audienceEntity(anAudience({ id: 'salesforce' }), defaults);
    expect(stringifyEntityRef(destination)).toBe(
      'resource:default/destination-salesforce',
    );
    expect(stringifyEntityRef(audience)).toBe(
      'resource:default/audience-salesforce',
    );
  });

  it('stays valid for awkward input, with the configured owner when it names none', async () => {
    const entity = destinationEntity(
      aDestination({
        name: 'CRM → "EU" (prod) #1',
        description: 'x'.repeat(10_000),
        type: 'Custom_CRM.v2',
        owner: '   ',
      }),
      defaults,
    );

    await expect(validateResourceEntity(entity)).resolves.toBe(true);
    expect(entity.metadata.title).toBe('CRM → "EU" (prod) #1');
    expect(entity.metadata.tags).toEqual(['custom-crm-v2']);
    expect(entity.spec?.owner).toBe('group:default/audience-owners');
  });
});
