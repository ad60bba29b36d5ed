/**
 * How audiences and destinations appear in the software catalog (published by the catalog module, read by
 * the entity cards): `kind: Resource` entities of these types, annotated with the plugin's ids.
 *
 * @public
 */
export const AUDIENCE_ENTITY_TYPE = 'audience';
/**
 * The `spec.type` of destination entities.
 *
 * @public
 */
export const AUDIENCE_DESTINATION_ENTITY_TYPE = 'audience-destination';

/**
 * The audience id (`GET /audiences/:audienceId`) of an audience entity.
 *
 * @public
 */
export const AUDIENCE_ID_ANNOTATION =
  'audience-syncs.signalsmith.io/audience-id';
/**
 * The destination id (`GET /destinations/:destinationId`) of a destination entity.
 *
 * @public
 */
export const DESTINATION_ID_ANNOTATION =
  'audience-syncs.signalsmith.io/destination-id';

/**
 * Name of the builder template (namespace `default`) of the scaffolder module.
 *
 * @public
 */
export const CREATE_AUDIENCE_SYNC_TEMPLATE_NAME = 'create-audience-sync';
