import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DestinationCapabilities,
  DestinationFieldSchema,
  DestinationObject,
  FieldMapping,
  IdentifierMapping,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceMember } from './audiences';
import { RequestSlots } from './http/RequestSlots';

/**
 * One destination as configured under `audienceSyncs.destinations`.
 *
 * @public
 */
export interface DestinationConfig {
  id: string;
  type: string;
  name: string;
  description?: string;
  owner: string;
  /** Type-specific settings, secrets included: they never leave the backend. */
  settings: Config;
}

/**
 * Where and how a sync writes: the parts of a sync a connector needs.
 *
 * @public
 */
export interface SyncTarget {
  object: DestinationObject;
  identifier: IdentifierMapping;
  fieldMappings: FieldMapping[];
  /**
   * The object's fields as `describeFields` gave them, read once per run: `preparedRow` converts each
   * mapped value to its field's type. Absent when the connector does not describe fields.
   */
  fieldSchema?: DestinationFieldSchema;
}

/**
 * A member as the destination will receive it: normalized, and hashed where the vendor requires.
 *
 * @public
 */
export interface PreparedRow {
  memberKey: string;
  /** The identifier value sent, as sent (hashed where the vendor requires). */
  identifier: string;
  /** Destination field name to value. */
  fields: Record<string, unknown>;
}

/**
 * A member made ready for the destination, or the reason it cannot be sent.
 *
 * @public
 */
export type PrepareResult =
  | { ok: true; row: PreparedRow }
  | { ok: false; code: string; reason: string };

/**
 * What a batch does to the members it carries.
 *
 * @public
 */
export type BatchOperation = 'add' | 'remove' | 'update';

/**
 * One request's worth of rows for the destination.
 *
 * @public
 */
export interface BatchRequest {
  operation: BatchOperation;
  target: SyncTarget;
  /** At most `capabilities.batchSize` rows. */
  rows: PreparedRow[];
  signal?: AbortSignal;
  /**
   * Where the batch stands among the batches of the same operation in one run, for vendors that group
   * the requests of one upload into a session. Absent for batches outside such a sequence.
   */
  sequence?: BatchSequence;
}

/**
 * The place of a batch in the run's sequence of batches for one operation: what an upload session
 * (Meta's `session`) is made of. Batches of one sequence may be in flight at once, so they can arrive
 * out of order; retries send the same position again.
 *
 * @public
 */
export interface BatchSequence {
  /** The same for every batch of the sequence; another run or operation has another id. */
  id: string;
  /** 1 for the sequence's first batch, then 2, 3, … */
  number: number;
  /** No batch after this one belongs to the sequence. */
  last: boolean;
  /** The rows the run planned for the operation; rows found invalid while preparing are not sent. */
  estimatedRows: number;
}

/**
 * A row the destination refused while accepting the rest of its batch.
 *
 * @public
 */
export interface RowRejection {
  memberKey: string;
  code: string;
  message: string;
  /** Whether sending the row again may succeed (a later run retries it either way). */
  retryable: boolean;
}

/**
 * What the destination did with a batch it accepted.
 *
 * @public
 */
export interface BatchResult {
  /** Rows not listed here were applied. */
  rejected: RowRejection[];
}

/**
 * A whole request failed. `retryable` failures (throttling, 5xx, time-outs) are retried with backoff,
 * honouring `retryAfterMs`; the others (bad credentials, a missing object) fail the run with `message`.
 *
 * @public
 */
export class DestinationError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  /** True when the vendor said to slow down: waiting for it is not a failed attempt. */
  readonly throttled: boolean;

  constructor(options: {
    message: string;
    code: string;
    retryable: boolean;
    retryAfterMs?: number;
    throttled?: boolean;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'DestinationError';
    this.code = options.code;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.throttled = options.throttled ?? false;
  }
}

/**
 * A connected destination: what it can do, its objects, and the batch writes of the sync engine.
 *
 * @public
 */
export interface DestinationClient {
  readonly capabilities: DestinationCapabilities;
  listObjects(): Promise<DestinationObject[]>;
  /** Present when `capabilities.canCreateObjects`. */
  createObject?(name: string): Promise<DestinationObject>;
  /**
   * The fields of `object` that syncs can map traits and attributes to: their names, labels, types and
   * whether they are required, read from the vendor; or `acceptsAnyField` where the vendor takes any name.
   * Absent for destinations that take identifiers only. Sync validation refuses a mapping to a field not
   * described, and each run reads it once to convert values to the fields' types. `object` has an empty
   * `id` when a sync is about to create it. The plugin keeps answers for a minute.
   */
  describeFields?(object: DestinationObject): Promise<DestinationFieldSchema>;
  /** Normalizes and hashes one member for the target, or says why it cannot be sent. */
  prepare(member: AudienceMember, target: SyncTarget): PrepareResult;
  /** Applies one batch. Adds and removes must be idempotent: a crash may resend the batches in flight. */
  applyBatch(request: BatchRequest): Promise<BatchResult>;
  /**
   * Streams the members the object holds now, page after page, each member by its identifier in the
   * form `prepare` gives it (normalized, hashed where the vendor requires), so that it compares with what
   * the sync's ledger says it sent. Present only where the vendor's API can list an object's members:
   * verifying a destination needs it; ad platforms that only take uploads leave it out.
   */
  readMembers?(
    target: SyncTarget,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<DestinationMember[]>;
}

/**
 * A member the destination holds, as `readMembers` reads it back.
 *
 * @public
 */
export interface DestinationMember {
  /** As `prepare` makes it for the same target: normalized, hashed where the vendor requires. */
  identifier: string;
}

/**
 * What the plugin gives a connector to connect one destination with.
 *
 * @public
 */
export interface DestinationConnectOptions {
  logger: LoggerService;
  /**
   * Slots of the destination's account shared by every replica of the backend, for vendors that limit
   * simultaneous connections: at most `max` held at once, each for at most `holdMs` (a replica that dies
   * holding one frees it then). Absent when the backend's replicas do not share budgets.
   */
  requestSlots?(max: number, holdMs: number): RequestSlots;
}

/**
 * A destination type (Facebook Ads, webhook, …), added through the destinations extension point.
 *
 * @public
 */
export interface DestinationConnector {
  /** The `type` that destinations of this connector use in config, e.g. `facebook-ads`. */
  readonly type: string;
  /** Display name of the type, e.g. "Facebook Ads". */
  readonly label: string;
  /**
   * The setting keys (dotted paths for nested ones) that hold credentials: the plugin scrubs their values
   * from errors and from what the connector logs. `createDestinationConnector` fills it in.
   */
  readonly secretKeys?: readonly string[];
  /** Builds the client of one configured destination. Throws with the setting's name when settings are invalid. */
  connect(
    destination: DestinationConfig,
    context: DestinationConnectOptions,
  ): Promise<DestinationClient>;
}
