import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor } from '@testing-library/react';
import {
  aDestinationEntity,
  anAudienceEntity,
} from '../__testUtils__/entities';
import { FakePermissionApi } from '../__testUtils__/FakePermissionApi';
import { aSyncBackend } from '../__testUtils__/renderSyncDetailPage';
import audienceSyncsPlugin from '../alpha';
import { audienceSyncsApiRef } from '../api';
import { isAudienceEntity } from '../components/EntityAudienceSyncsCard';
import { isAudienceDestinationEntity } from '../components/EntityDestinationSyncsCard';
import {
  audienceEntityCard,
  audienceSyncsEntityContent,
  destinationEntityCard,
} from './entityExtensions';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'audience' },
  spec: { type: 'audience' },
};
const otherResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'db' },
  spec: { type: 'database' },
};
/** Kinds and types match case-insensitively in the catalog. */
const shouting: Entity = {
  ...anAudienceEntity(),
  kind: 'RESOURCE',
  spec: { type: 'Audience' },
};

const audienceCardFilter = createExtensionTester(audienceEntityCard).get(
  EntityCardBlueprint.dataRefs.filterFunction,
)!;
const destinationCardFilter = createExtensionTester(destinationEntityCard).get(
  EntityCardBlueprint.dataRefs.filterFunction,
)!;

describe('entity extensions (new frontend system)', () => {
  it.each([
    ['an audience', anAudienceEntity(), true, false],
    ['an audience in other case', shouting, true, false],
    ['a destination', aDestinationEntity(), false, true],
    ['a component of type audience', component, false, false],
    ['another resource', otherResource, false, false],
  ])(
    'shows the cards and the tab on %s as the legacy helpers do',
    (_name, entity, audience, destination) => {
      expect(audienceCardFilter(entity)).toBe(audience);
      expect(isAudienceEntity(entity)).toBe(audience);
      expect(destinationCardFilter(entity)).toBe(destination);
      expect(isAudienceDestinationEntity(entity)).toBe(destination);
      const contentFilter = createExtensionTester(
        audienceSyncsEntityContent,
      ).get(EntityContentBlueprint.dataRefs.filterFunction)!;
      expect(contentFilter(entity)).toBe(audience || destination);
    },
  );

  it('mounts the tab at /audience-syncs as "Audience Syncs"', () => {
    const tester = createExtensionTester(audienceSyncsEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Audience Syncs',
    );
  });

  it("puts the audience card on an audience entity's page, linking to the sync and the builder", async () => {
    renderTestApp({
      features: [audienceSyncsPlugin],
      extensions: [createTestEntityPage({ entity: anAudienceEntity() })],
      apis: [
        [audienceSyncsApiRef, aSyncBackend()],
        [permissionApiRef, new FakePermissionApi()],
      ],
    });

    // Whole app, lazily loaded extensions: slow on a busy machine. The card and the tab each load on
    // their own, so wait for both rather than for the first.
    await waitFor(
      () =>
        expect(
          screen.getAllByRole('link', { name: 'High value → Q1 retention' }),
        ).toHaveLength(2),
      { timeout: 20_000 },
    );
    const links = screen.getAllByRole('link', {
      name: 'High value → Q1 retention',
    });
    for (const link of links) {
      expect(link).toHaveAttribute('href', '/audience-syncs/sync-1');
    }
    expect(
      screen.getAllByRole('button', { name: /Create Sync/ })[0],
    ).toHaveAttribute(
      'href',
      expect.stringMatching(
        /^\/create\/templates\/default\/create-audience-sync\?formData=/,
      ),
    );
  });

  it('shows nothing on the page of an unrelated entity', async () => {
    renderTestApp({
      features: [audienceSyncsPlugin],
      extensions: [createTestEntityPage({ entity: component })],
      apis: [[audienceSyncsApiRef, aSyncBackend()]],
    });

    expect(
      await screen.findByTestId('empty-entity-page', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
  });
});
