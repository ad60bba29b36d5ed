/**
 * The plugin id shared by every Audience Syncs package (routes, permissions, discovery).
 *
 * @public
 */
export const AUDIENCE_SYNCS_PLUGIN_ID = 'audience-syncs';

/**
 * Body of `GET /api/audience-syncs/health`.
 *
 * @public
 */
export interface HealthResponse {
  status: 'ok';
}
