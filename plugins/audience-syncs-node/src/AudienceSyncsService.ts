import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  Audience,
  CreateSyncRequest,
  Destination,
  SyncDryRunResponse,
  SyncMutationResponse,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DefaultAudienceSyncsService } from './DefaultAudienceSyncsService';

/**
 * Who a call is made for: the backend checks their permissions and audits in their name.
 *
 * @public
 */
export interface AudienceSyncsCallOptions {
  credentials: BackstageCredentials;
}

/**
 * The Audience Syncs REST API for other backend plugins and modules (scaffolder actions, catalog
 * providers). Errors carry the server's own message and name (`InputError`, `NotAllowedError`…).
 *
 * @public
 */
export interface AudienceSyncsService {
  /** Every audience, all pages read. */
  listAudiences(options: AudienceSyncsCallOptions): Promise<Audience[]>;
  /** Every configured destination, without settings. */
  listDestinations(options: AudienceSyncsCallOptions): Promise<Destination[]>;
  createSync(
    request: CreateSyncRequest,
    options: AudienceSyncsCallOptions,
  ): Promise<SyncMutationResponse>;
  /** Every check of `createSync` (permission included); nothing is saved. */
  dryRunCreateSync(
    request: CreateSyncRequest,
    options: AudienceSyncsCallOptions,
  ): Promise<SyncDryRunResponse>;
}

/**
 * Calls the Audience Syncs backend over HTTP, on behalf of the given credentials.
 *
 * @public
 */
export const audienceSyncsServiceRef = createServiceRef<AudienceSyncsService>({
  id: 'audience-syncs.client',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: deps => DefaultAudienceSyncsService.create(deps),
    }),
});
