import { createApiRef } from '@backstage/core-plugin-api';
import {
  Audience,
  AudienceSync,
  CreateSyncRequest,
  Destination,
  DestinationFieldSchema,
  DestinationObject,
  HealthResponse,
  NextRunPlan,
  MemberTimeline,
  Page,
  SyncDryRunResponse,
  SyncEditDryRunResponse,
  SyncMutationResponse,
  SyncRun,
  SyncActivity,
  SyncRunDetail,
  SyncStatus,
  UpdateSyncRequest,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * One page of a paginated list; the server defaults to 50 items from offset 0.
 *
 * @public
 */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/**
 * Which page of audiences `listAudiences` answers with.
 *
 * @public
 */
export interface ListAudiencesRequest extends PageRequest {
  /** Matches the audience's name. */
  search?: string;
}

/**
 * Which syncs `listSyncs` answers with: filters over one page.
 *
 * @public
 */
export interface ListSyncsRequest extends PageRequest {
  audienceId?: string;
  destinationId?: string;
  status?: SyncStatus;
  /** Matches the sync's name or its destination object's name. */
  search?: string;
}

/**
 * Typed access to the Audience Syncs backend (`/api/audience-syncs`), one method per route. A refused request
 * rejects with a `ResponseError` (`@backstage/errors`) carrying the server's `{ error: { name, message } }`;
 * `syncProblemsOf` reads the problems of a 400, each with the field it is about.
 *
 * @public
 */
export interface AudienceSyncsApi {
  /** `GET /health` */
  getHealth(): Promise<HealthResponse>;

  /** `GET /audiences` */
  listAudiences(request?: ListAudiencesRequest): Promise<Page<Audience>>;
  /** `GET /audiences/:audienceId` */
  getAudience(audienceId: string): Promise<Audience>;

  /** `GET /destinations` */
  listDestinations(): Promise<Destination[]>;
  /** `GET /destinations/:destinationId` */
  getDestination(destinationId: string): Promise<Destination>;
  /** `GET /destinations/:destinationId/objects` */
  listDestinationObjects(destinationId: string): Promise<DestinationObject[]>;
  /**
   * `GET /destinations/:destinationId/fields`: the fields a sync to the object (one of the destination's, or
   * one it would create) can map traits and attributes to.
   */
  describeDestinationFields(
    destinationId: string,
    object: { id: string } | { create: { name: string } },
  ): Promise<DestinationFieldSchema>;
  /** `POST /destinations/:destinationId/objects` */
  createDestinationObject(
    destinationId: string,
    name: string,
  ): Promise<DestinationObject>;

  /** `GET /syncs` (newest first) */
  listSyncs(request?: ListSyncsRequest): Promise<Page<AudienceSync>>;
  /** `GET /syncs/:syncId` */
  getSync(syncId: string): Promise<AudienceSync>;
  /** `POST /syncs` */
  createSync(request: CreateSyncRequest): Promise<SyncMutationResponse>;
  /** `POST /syncs?dryRun=true`: every check of a create, with its warnings; saves and creates nothing. */
  dryRunCreateSync(request: CreateSyncRequest): Promise<SyncDryRunResponse>;
  /**
   * `PATCH /syncs/:syncId?dryRun=true`: every check of the edit, nothing saved, and what the next run
   * would do with it.
   */
  dryRunUpdateSync(
    syncId: string,
    request: UpdateSyncRequest,
  ): Promise<SyncEditDryRunResponse>;
  /** `PATCH /syncs/:syncId`: never starts a run. */
  updateSync(
    syncId: string,
    request: UpdateSyncRequest,
  ): Promise<SyncMutationResponse>;
  /** `POST /syncs/:syncId/pause`: stops scheduled runs and cancels a queued one. */
  pauseSync(syncId: string): Promise<AudienceSync>;
  /** `POST /syncs/:syncId/resume` */
  resumeSync(syncId: string): Promise<AudienceSync>;
  /**
   * `POST /syncs/:syncId/verify`: queues a verify run, which reads the destination back and compares it
   * with what the sync sent; it sends nothing.
   */
  verifySync(syncId: string): Promise<SyncRun>;
  /**
   * `POST /syncs/:syncId/repair`: queues a repair run, which verifies, then re-sends the members the
   * destination lacks and, in Mirror mode, removes what the sync added that left the audience.
   */
  repairSync(syncId: string): Promise<SyncRun>;
  /** `POST /syncs/:syncId/resync?dryRun=true`: what a full resync would do now; nothing queued. */
  previewResync(syncId: string): Promise<NextRunPlan>;
  /** `POST /syncs/:syncId/resync`: queues a full resync, which sends the whole audience again. */
  resyncSync(syncId: string): Promise<SyncRun>;
  /** `POST /syncs/:syncId/run`: queues a manual run. */
  runSyncNow(syncId: string): Promise<SyncRun>;
  /** `POST /syncs/:syncId/runs/:runId/approve`: releases a run the removal guard held. */
  approveRun(syncId: string, runId: number): Promise<SyncRun>;
  /** `DELETE /syncs/:syncId`: the members already in the destination stay there. */
  deleteSync(syncId: string): Promise<void>;

  /** `GET /syncs/:syncId/runs` (newest first) */
  listRuns(syncId: string, request?: PageRequest): Promise<Page<SyncRun>>;
  /** `GET /syncs/:syncId/activity`: who created, edited, paused, resumed, ran or approved the sync, newest first. */
  listActivity(
    syncId: string,
    request?: PageRequest,
  ): Promise<Page<SyncActivity>>;
  /** `GET /syncs/:syncId/runs/:runId`: the run with its error sample and its row errors by code. */
  getRun(syncId: string, runId: number): Promise<SyncRunDetail>;

  /**
   * `GET /audiences/:audienceId/members/timeline?q=`: what each sync of the audience did to the member with
   * this member key or identifier (an email typed in plain text is prepared as each destination gets it).
   */
  getMemberTimeline(audienceId: string, query: string): Promise<MemberTimeline>;
}

/**
 * The ref components inject the Audience Syncs backend client through.
 *
 * @public
 */
export const audienceSyncsApiRef = createApiRef<AudienceSyncsApi>({
  id: 'plugin.audience-syncs.client',
});
