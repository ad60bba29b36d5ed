/**
 * Ids of audiences and destinations: lowercase words joined by single hyphens, e.g. `high-value-customers`.
 *
 * @public
 */
export const KEBAB_CASE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Keys that identify an entity of an audience, and that a destination can match records on.
 *
 * @public
 */
export const ENTITY_KEYS = ['email', 'phone', 'user_id', 'device_id'] as const;
/**
 * One of `ENTITY_KEYS`.
 *
 * @public
 */
export type EntityKey = (typeof ENTITY_KEYS)[number];

/**
 * How membership changes reach the destination.
 * - mirror: add new members, remove departed ones (default);
 * - additive: only add, never remove;
 * - subtractive: only remove departed members, never add.
 *
 * @public
 */
export const SYNC_MODES = ['mirror', 'additive', 'subtractive'] as const;
/**
 * One of `SYNC_MODES`.
 *
 * @public
 */
export type SyncMode = (typeof SYNC_MODES)[number];

/**
 * How often a sync (or an audience evaluation) runs. `after_evaluation` is for syncs only: the sync runs once
 * for each new snapshot of its audience, so it follows the audience's own evaluation schedule.
 *
 * @public
 */
export const SCHEDULE_TYPES = [
  'manual',
  'every_15_minutes',
  'hourly',
  'daily',
  'weekly',
  'cron',
  'after_evaluation',
] as const;
/**
 * One of `SCHEDULE_TYPES`.
 *
 * @public
 */
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

/**
 * When a sync or an audience evaluation runs.
 *
 * @public
 */
export interface Schedule {
  type: ScheduleType;
  /** Five-field cron expression; required when `type` is `cron`. */
  cron?: string;
  /** IANA time zone the schedule is read in; defaults to UTC. */
  timezone?: string;
}

/**
 * Whether a sync runs on its schedule: paused by a user, or errored after failed runs.
 *
 * @public
 */
export const SYNC_STATUSES = ['active', 'paused', 'errored'] as const;
/**
 * One of `SYNC_STATUSES`.
 *
 * @public
 */
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/**
 * What started a run: the sync's creation, its schedule, or a user.
 *
 * @public
 */
export const RUN_TRIGGERS = ['initial', 'schedule', 'manual'] as const;
/**
 * One of `RUN_TRIGGERS`.
 *
 * @public
 */
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/**
 * What a run does: `sync` sends the diff; `verify` reads the destination back and compares it with what the
 * sync sent, sending nothing; `repair` verifies, then syncs again the members the destination lacks (and,
 * in Mirror mode, removes what the sync added that left the audience); `resync` forgets what the sync sent
 * of the audience and sends it all again.
 *
 * @public
 */
export const RUN_KINDS = ['sync', 'verify', 'repair', 'resync'] as const;
/**
 * One of `RUN_KINDS`.
 *
 * @public
 */
export type RunKind = (typeof RUN_KINDS)[number];

/**
 * Where a run is; `held` waits for approval because it would remove too many members.
 *
 * @public
 */
export const RUN_STATUSES = [
  'queued',
  'running',
  'succeeded',
  'partial',
  'failed',
  'held',
  'cancelled',
] as const;
/**
 * One of `RUN_STATUSES`.
 *
 * @public
 */
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * Statuses a run does not leave by itself: finished (succeeded, partial, failed, cancelled), or held until
 * someone approves or cancels it. Waiting for a run ends at one of these.
 *
 * @public
 */
export const SETTLED_RUN_STATUSES: readonly RunStatus[] = [
  'succeeded',
  'partial',
  'failed',
  'cancelled',
  'held',
];

/**
 * Where an audience evaluation is.
 *
 * @public
 */
export const EVALUATION_STATUSES = ['running', 'succeeded', 'failed'] as const;
/**
 * One of `EVALUATION_STATUSES`.
 *
 * @public
 */
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

/**
 * What an audience source declares about one audience.
 *
 * @public
 */
export interface AudienceDefinition {
  id: string;
  name: string;
  description?: string;
  /** What one member is: `users`, `accounts`, … */
  entityType: string;
  /** Owner entity ref, e.g. `group:default/marketing`. */
  owner: string;
  /** The entity keys each member carries. */
  entityKeys: EntityKey[];
  /** Computed values of a member, e.g. `lifetime_value`. */
  traits: string[];
  /** Stored properties of a member, e.g. `plan_type`. */
  attributes: string[];
  evaluationSchedule: Schedule;
}

/**
 * A saved audience and the state of its evaluations.
 *
 * @public
 */
export interface Audience extends AudienceDefinition {
  /** Members in the current snapshot; null before the first successful evaluation. */
  memberCount: number | null;
  /** When the current snapshot was taken (ISO 8601); null before the first successful evaluation. */
  lastEvaluatedAt: string | null;
  /** The most recent evaluation attempt, successful or not. */
  lastEvaluation: AudienceEvaluation | null;
}

/**
 * One evaluation of an audience: the snapshot of members syncs send.
 *
 * @public
 */
export interface AudienceEvaluation {
  id: number;
  audienceId: string;
  status: EvaluationStatus;
  startedAt: string;
  finishedAt: string | null;
  memberCount: number | null;
  error: string | null;
}

/**
 * A destination field that can identify a member, and the entity keys that can feed it.
 *
 * @public
 */
export interface IdentifierField {
  field: string;
  label: string;
  entityKeys: EntityKey[];
  /** Values are normalized and SHA-256 hashed before they are sent. */
  hashed: boolean;
}

/**
 * A field of the destination that traits and attributes can be mapped to.
 *
 * @public
 */
export interface DestinationField {
  field: string;
  label: string;
}

/**
 * The kinds of value a destination field holds; mapped values are converted to them before they are sent.
 * `string` takes any value as text.
 *
 * @public
 */
export const DESTINATION_FIELD_TYPES = [
  'string',
  'number',
  'boolean',
  'date',
  'datetime',
] as const;
/**
 * One of `DESTINATION_FIELD_TYPES`.
 *
 * @public
 */
export type DestinationFieldType = (typeof DESTINATION_FIELD_TYPES)[number];

/**
 * A writable field of a destination object, as its vendor describes it.
 *
 * @public
 */
export interface DescribedField {
  /** The name the vendor's API takes, e.g. `lifetime_value_usd`; what a field mapping names. */
  name: string;
  /** What the vendor's own screens call it, e.g. "Lifetime Value (USD)". */
  label: string;
  type: DestinationFieldType;
  /** The vendor refuses a new record without it. */
  required: boolean;
}

/**
 * The fields a sync can map traits and attributes to in one destination object: either exactly the
 * described ones, or any name (with the fields the vendor knows already, when it can list them).
 *
 * @public
 */
export type DestinationFieldSchema =
  | { acceptsAnyField: false; fields: DescribedField[] }
  | { acceptsAnyField: true; fields?: DescribedField[] };

/**
 * What a destination can do; declared by its connector.
 *
 * @public
 */
export interface DestinationCapabilities {
  /** Whether the destination takes audience (list-type) syncs at all. */
  supportsAudienceSyncs: boolean;
  /** What the destination calls the object a sync fills, e.g. "Custom Audience". */
  objectLabel: string;
  identifierFields: IdentifierField[];
  /**
   * Fields beyond the identifier: `none` (identifiers only), `any` (arbitrary fields), or a fixed list.
   */
  additionalFields: 'none' | 'any' | DestinationField[];
  canCreateObjects: boolean;
  /** Most rows one request may carry. */
  batchSize: number;
  /** The vendor's documented request budget, if it has one. */
  rateLimit?: { requests: number; perSeconds: number };
  /**
   * Batches one sync may have in flight at once (default 1). More only where the vendor applies a list's
   * requests independently of each other; the rate budget still bounds the requests per second.
   */
  concurrentBatches?: number;
  /**
   * Whether the connector reads an object's members back, which verifying a sync's destination needs.
   * Ad platforms that only take uploads (and webhooks) cannot.
   */
  canReadMembers?: boolean;
}

/**
 * A configured destination and what its connector can do.
 *
 * @public
 */
export interface Destination {
  id: string;
  type: string;
  /** The connector's display name for the type, e.g. "Facebook Ads". */
  typeLabel: string;
  name: string;
  description?: string;
  owner: string;
  capabilities: DestinationCapabilities;
}

/**
 * The object a sync fills in a destination: a custom audience, a list, a campaign, a tag…
 *
 * @public
 */
export interface DestinationObject {
  id: string;
  name: string;
}

/**
 * A sync's own removal guard: it holds a run for approval when its removals exceed `maxShare` (more than
 * 0, at most 1) of what the sync has put in the destination and `minRemovals` too. A value left out is
 * the operator's default; both stay within the limits the operator sets.
 *
 * @public
 */
export interface RemovalGuardSettings {
  maxShare?: number;
  minRemovals?: number;
}

/**
 * A sync's own alert thresholds: its owners are notified when a run finds more than `invalidShare` of the
 * audience's members invalid for the destination, or when the audience size it synced moves by more than `rowCountSwing` of
 * the previous run's (both more than 0, at most 1). A value left out is the operator's default.
 *
 * @public
 */
export interface AlertThresholds {
  invalidShare?: number;
  rowCountSwing?: number;
}

/**
 * Which destination field a trait or attribute of each member fills.
 *
 * @public
 */
export interface FieldMapping {
  source: { kind: 'trait' | 'attribute'; name: string };
  destinationField: string;
}

/**
 * Which entity key of a member fills which identifier field of the destination.
 *
 * @public
 */
export interface IdentifierMapping {
  entityKey: EntityKey;
  field: string;
}

/**
 * A saved sync: which audience goes to which destination object, how and when.
 *
 * @public
 */
export interface AudienceSync {
  id: string;
  name: string;
  audienceId: string;
  destinationId: string;
  object: DestinationObject;
  mode: SyncMode;
  identifier: IdentifierMapping;
  fieldMappings: FieldMapping[];
  schedule: Schedule;
  status: SyncStatus;
  owner: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** End of the most recent successful run. */
  lastSyncedAt: string | null;
  /** When the next scheduled run is due; null for manual schedules and paused syncs. */
  nextRunAt: string | null;
  /** Raised by every edit, pause and resume; an edit that names an older version is refused. */
  version: number;
  /** The sync's own removal guard settings; absent when it uses the operator's defaults. */
  removalGuard?: RemovalGuardSettings;
  /** The sync's own alert thresholds; absent when it uses the operator's defaults. */
  alerts?: AlertThresholds;
  /** The sync's newest run (null before its first), in the answers of `GET /syncs`. */
  latestRun?: SyncRun | null;
}

/**
 * One run of a sync and its counts.
 *
 * @public
 */
export interface SyncRun {
  id: number;
  syncId: string;
  trigger: RunTrigger;
  kind: RunKind;
  status: RunStatus;
  /** The audience evaluation whose snapshot this run synced. */
  evaluationId: number | null;
  planned: { adds: number; removes: number; updates: number };
  /** Rows sent to the destination, including retried ones once. */
  sent: number;
  succeeded: number;
  failed: number;
  invalid: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  error: string | null;
}

/**
 * One row a run could not sync, and why.
 *
 * @public
 */
export interface SyncRunError {
  memberKey: string;
  operation: 'add' | 'remove' | 'update';
  code: string;
  message: string;
  retryable: boolean;
}

/**
 * What someone did to a sync, as its activity records it.
 *
 * @public
 */
export const SYNC_ACTIVITY_ACTIONS = [
  'created',
  'edited',
  'paused',
  'resumed',
  'run-requested',
  'run-approved',
  'verify-requested',
  'repair-requested',
  'resync-requested',
] as const;
/**
 * One of `SYNC_ACTIVITY_ACTIONS`.
 *
 * @public
 */
export type SyncActivityAction = (typeof SYNC_ACTIVITY_ACTIONS)[number];

/**
 * One field an edit changed, with its value before and after (as the API shows them).
 *
 * @public
 */
export interface SyncFieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/**
 * One entry of a sync's activity: who did what, when; an edit lists what it changed, a run request or an
 * approval names its run.
 *
 * @public
 */
export interface SyncActivity {
  id: number;
  syncId: string;
  at: string;
  actor: string;
  action: SyncActivityAction;
  changes: SyncFieldChange[] | null;
  runId: number | null;
}

/**
 * A run with a sample of the rows it could not sync.
 *
 * @public
 */
export interface SyncRunDetail extends SyncRun {
  errors: SyncRunError[];
  /** Every invalid and refused row of the run, grouped by code, most frequent first. */
  errorSummary: SyncRunErrorGroup[];
  /** What a `verify` or `repair` run found when it compared; null for other runs and until then. */
  verification: SyncVerification | null;
}

/**
 * A destination compared with the sync's ledger and the audience's snapshot.
 *
 * @public
 */
export interface SyncVerification {
  /** Members the destination holds. */
  destinationMembers: number;
  /** The sync sent them and they are still in the audience, but the destination lacks them. */
  missing: number;
  /** In the destination, never sent by this sync: added by hand or by someone else. */
  unowned: number;
  /** The sync sent them, they left the audience, and the destination still holds them. */
  stale: number;
  /** A few of each, to look them up. */
  samples: {
    missing: SyncVerificationSample[];
    unowned: SyncVerificationSample[];
    stale: SyncVerificationSample[];
  };
}

/**
 * One member a verification found: its member key where the ledger knows it, and its identifier as the
 * destination holds it.
 *
 * @public
 */
export interface SyncVerificationSample {
  memberKey: string | null;
  identifier: string;
}

/**
 * The rows of a run that failed with one code: how many there were in all, and those of the run's error
 * sample (`SyncRunDetail.errors`), which keeps only the first rows of the run; a code can have more rows
 * than samples, or none.
 *
 * @public
 */
export interface SyncRunErrorGroup {
  code: string;
  count: number;
  samples: SyncRunError[];
}

/**
 * One page of a listing, and where it sits in the whole.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}

/**
 * Creating or editing a sync answers with the sync and any warnings the caller should show.
 *
 * @public
 */
export interface SyncMutationResponse {
  sync: AudienceSync;
  warnings: string[];
  /** The run queued by `runNow` or by the first run of a new sync, if any. */
  run?: SyncRun;
}

/**
 * `POST /syncs?dryRun=true`: the sync as it would be created, after every check; nothing is saved.
 *
 * @public
 */
export interface SyncDryRunResponse {
  dryRun: true;
  /** No id or version yet; an object to be created in the same request is named, not yet created. */
  sync: Omit<AudienceSync, 'id' | 'object' | 'version'> & {
    object: DestinationObject | { create: { name: string } };
  };
  warnings: string[];
  /** What the first run would send of the audience's current snapshot. */
  firstRun: FirstRunProjection;
}

/**
 * The members a new sync's first run would send, and those it could not, grouped by why (no identifier,
 * a value in the wrong format), found by preparing the current snapshot as the run will.
 *
 * @public
 */
export interface FirstRunProjection {
  /** The evaluation projected; null while the audience has none. */
  evaluationId: number | null;
  audienceMembers: number;
  /** Members prepared for the destination: sent as adds, or in Subtractive recorded as the baseline. */
  sendable: number;
  /** Members that cannot be sent, by reason, most frequent first. */
  unsendable: Array<{
    code: string;
    /** The reason as the first such member got it. */
    message: string;
    count: number;
    /** A few of their member keys, to look them up. */
    sampleMemberKeys: string[];
  }>;
}

/**
 * What the next run of a sync would do if it started now, on the audience's current snapshot: the
 * same counts the run records as planned.
 *
 * @public
 */
export interface NextRunPlan {
  /** The evaluation the run would sync; null while the audience has none (the run would fail). */
  evaluationId: number | null;
  /** Members of that evaluation. */
  audienceMembers: number;
  /** Members the sync's ledger records as sent, before the edit. */
  ledgerMembers: number;
  /** The object or identifier changes: the ledger starts empty and the whole audience is sent again. */
  ledgerReset: boolean;
  adds: number;
  removes: number;
  updates: number;
  /** Of the updates, members whose identifier changed (Mirror removes the old one, then adds the new). */
  rekeyed: number;
  /** Why the removal guard would hold the run for approval; null when it would not. */
  heldForApproval: string | null;
}

/**
 * `PATCH /syncs/{syncId}?dryRun=true`: every check of the edit, nothing saved, and what the next run
 * would do with the edit applied.
 *
 * @public
 */
export interface SyncEditDryRunResponse {
  dryRun: true;
  /** The fields the edit would change, with their values before and after. */
  changes: SyncFieldChange[];
  warnings: string[];
  nextRun: NextRunPlan;
}

/**
 * What one run did to one member of a sync: sent it as an add, an update (new values or a new
 * identifier) or a remove, or found it invalid and did not send it.
 *
 * @public
 */
export type MemberHistoryOperation = 'add' | 'update' | 'remove' | 'invalid';

/**
 * One step of a member's timeline on one sync.
 *
 * @public
 */
export interface MemberHistoryEntry {
  runId: number;
  /** When the run committed it. */
  at: string;
  operation: MemberHistoryOperation;
  /** As sent (normalized, hashed where the destination requires it); null when none could be prepared. */
  identifier: string | null;
  /** Why an invalid member was not sent: a code and its plain-words message; null otherwise. */
  code: string | null;
  message: string | null;
}

/**
 * Where a member stands on one sync of its audience.
 *
 * @public
 */
export interface MemberTimelineSync {
  syncId: string;
  syncName: string;
  destinationId: string;
  /** The member keys that matched the search on this sync. */
  memberKeys: string[];
  /** Whether a matched member is in the audience's current snapshot. */
  inSnapshot: boolean;
  /** What the ledger holds now: what the sync last sent for each matched member. */
  ledger: Array<{ memberKey: string; identifier: string }>;
  /** Oldest first. */
  history: Array<MemberHistoryEntry & { memberKey: string }>;
}

/**
 * The answer of `GET /audiences/:audienceId/members/timeline`.
 *
 * @public
 */
export interface MemberTimeline {
  audienceId: string;
  query: string;
  /** The audience's current snapshot; null when it has none yet. */
  evaluationId: number | null;
  /** Each sync of the audience the caller may read. */
  syncs: MemberTimelineSync[];
}
