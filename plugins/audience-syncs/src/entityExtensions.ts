import { createComponentExtension } from '@backstage/core-plugin-api';
import { audienceSyncsPlugin } from './plugin';

/**
 * Entity page extensions for legacy apps. Show each only for its entities, e.g.
 * `<EntitySwitch.Case if={isAudienceEntity}><EntityAudienceSyncsCard /></EntitySwitch.Case>`, and mount
 * `AudienceSyncsPage` too: their links lead to it.
 */

/**
 * The overview card of an audience entity: its facts, its syncs and "Create Sync".
 *
 * @public
 */
export const EntityAudienceSyncsCard = audienceSyncsPlugin.provide(
  createComponentExtension({
    name: 'EntityAudienceSyncsCard',
    component: {
      lazy: () =>
        import('./components/EntityAudienceSyncsCard').then(
          m => m.EntityAudienceSyncsCard,
        ),
    },
  }),
);

/**
 * The overview card of a destination entity: the syncs that feed it.
 *
 * @public
 */
export const EntityDestinationSyncsCard = audienceSyncsPlugin.provide(
  createComponentExtension({
    name: 'EntityDestinationSyncsCard',
    component: {
      lazy: () =>
        import('./components/EntityDestinationSyncsCard').then(
          m => m.EntityDestinationSyncsCard,
        ),
    },
  }),
);

/**
 * The "Audience Syncs" tab of an audience or destination entity, e.g. in an `EntityLayout.Route`.
 *
 * @public
 */
export const EntityAudienceSyncsContent = audienceSyncsPlugin.provide(
  createComponentExtension({
    name: 'EntityAudienceSyncsContent',
    component: {
      lazy: () =>
        import('./components/EntityAudienceSyncsContent').then(
          m => m.EntityAudienceSyncsContent,
        ),
    },
  }),
);
