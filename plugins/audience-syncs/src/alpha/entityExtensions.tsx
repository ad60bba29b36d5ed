import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  AUDIENCE_DESTINATION_ENTITY_TYPE,
  AUDIENCE_ENTITY_TYPE,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

// Entity predicates (`@backstage/filter-predicates`): keys are paths into the entity and values match
// case-insensitively. The string form ('kind:resource type:audience') still works but is deprecated.
const audienceFilter = { kind: 'resource', 'spec.type': AUDIENCE_ENTITY_TYPE };
const destinationFilter = {
  kind: 'resource',
  'spec.type': AUDIENCE_DESTINATION_ENTITY_TYPE,
};

/** On an audience entity's overview: its facts, its syncs and "Create Sync". */
export const audienceEntityCard = EntityCardBlueprint.make({
  name: 'audience',
  params: {
    filter: audienceFilter,
    loader: () =>
      import('../components/EntityAudienceSyncsCard').then(m => (
        <m.EntityAudienceSyncsCard />
      )),
  },
});

/** On a destination entity's overview: the syncs that feed it. */
export const destinationEntityCard = EntityCardBlueprint.make({
  name: 'destination',
  params: {
    filter: destinationFilter,
    loader: () =>
      import('../components/EntityDestinationSyncsCard').then(m => (
        <m.EntityDestinationSyncsCard />
      )),
  },
});

/** The "Audience Syncs" tab of audience and destination entities. */
export const audienceSyncsEntityContent = EntityContentBlueprint.make({
  params: {
    path: '/audience-syncs',
    title: 'Audience Syncs',
    filter: { $any: [audienceFilter, destinationFilter] },
    loader: () =>
      import('../components/EntityAudienceSyncsContent').then(m => (
        <m.EntityAudienceSyncsContent />
      )),
  },
});
