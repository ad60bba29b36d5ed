import { z } from 'zod';
import { FieldPath } from './problems/fieldPath';
import { formatProblems } from './problems/SyncProblem';
import { zodProblems } from './problems/zodProblems';
import {
  ENTITY_KEYS,
  SCHEDULE_TYPES,
  SYNC_MODES,
  SYNC_STATUSES,
} from './types';

/**
 * The bounds of request values, those of the columns that store them: a longer text or larger number is
 * a 400 naming its field, never a database error after a destination object was already created.
 *
 * @public
 */
export const INPUT_LIMITS = {
  /** Audience, destination and object ids, object names, identifier and mapped field names. */
  id: 255,
  /** A sync's name: shorter than its column, as the scaffolder action's form also requires. */
  name: 200,
  owner: 255,
  cron: 255,
  timezone: 64,
  search: 255,
  /** Sync ids (generated UUIDs). */
  syncId: 64,
  /** Field mappings of one sync. */
  fieldMappings: 200,
  /** The largest `offset` of a listing and the largest run id: what the database's integers hold. */
  integer: 2_147_483_647,
} as const;

/** Text that a database column can hold: no NUL character (PostgreSQL refuses it in text) and bounded. */
function text(max: number) {
  return z
    .string()
    .max(max)
    .refine(value => !value.includes('\u0000'), {
      message: 'must not contain a NUL character',
      params: { code: 'invalid_value' },
    });
}

/** Required text, trimmed first; an empty one is `required`. */
function requiredText(max: number) {
  return z.string().trim().min(1).pipe(text(max));
}

const id = requiredText(INPUT_LIMITS.id);

/**
 * The shape of a schedule; what its values mean (a readable cron, a known zone) is `scheduleProblems`.
 *
 * @public
 */
export const scheduleSchema = z
  .object({
    type: z.enum(SCHEDULE_TYPES),
    cron: requiredText(INPUT_LIMITS.cron).optional(),
    timezone: requiredText(INPUT_LIMITS.timezone).optional(),
  })
  .strict();

/**
 * The shape of an `IdentifierMapping` in requests.
 *
 * @public
 */
export const identifierMappingSchema = z
  .object({ entityKey: z.enum(ENTITY_KEYS), field: id })
  .strict();

/**
 * The shape of a `FieldMapping` in requests.
 *
 * @public
 */
export const fieldMappingSchema = z
  .object({
    source: z
      .object({ kind: z.enum(['trait', 'attribute']), name: id })
      .strict(),
    destinationField: id,
  })
  .strict();

/**
 * The object of a sync: an existing one by id, or one to create in the same request.
 *
 * @public
 */
export const objectSelectionSchema = z.union([
  z.object({ id }).strict(),
  z.object({ create: z.object({ name: id }).strict() }).strict(),
]);

/**
 * A sync's own removal guard settings; the backend also checks them against the operator's limits.
 *
 * @public
 */
export const removalGuardSchema = z
  .object({
    maxShare: z.number().gt(0).max(1).optional(),
    minRemovals: z.number().int().min(0).max(INPUT_LIMITS.integer).optional(),
  })
  .strict();

/**
 * A sync's own alert thresholds, shares of 0 (exclusive) to 1.
 *
 * @public
 */
export const alertThresholdsSchema = z
  .object({
    invalidShare: z.number().gt(0).max(1).optional(),
    rowCountSwing: z.number().gt(0).max(1).optional(),
  })
  .strict();

/**
 * The body of `POST /syncs`, checked the same way by the backend and the scaffolder action.
 *
 * @public
 */
export const createSyncRequestSchema = z
  .object({
    name: requiredText(INPUT_LIMITS.name).optional(),
    audienceId: id,
    destinationId: id,
    object: objectSelectionSchema,
    mode: z.enum(SYNC_MODES).default('mirror'),
    identifier: identifierMappingSchema,
    fieldMappings: z
      .array(fieldMappingSchema)
      .max(INPUT_LIMITS.fieldMappings)
      .default([]),
    schedule: scheduleSchema,
    /** Owner entity ref; defaults to the creating user. */
    owner: requiredText(INPUT_LIMITS.owner).optional(),
    /** The sync's own removal guard; left out, the operator's defaults apply. */
    removalGuard: removalGuardSchema.optional(),
    /** The sync's own alert thresholds; left out, the operator's defaults apply. */
    alerts: alertThresholdsSchema.optional(),
    /** Queue the first run now instead of waiting for the schedule. */
    runNow: z.boolean().default(false),
  })
  .strict();
/**
 * The body of `POST /syncs`.
 *
 * @public
 */
export type CreateSyncRequest = z.input<typeof createSyncRequestSchema>;

/**
 * Editing: what a user may change after creating a sync. The sync does not run because of an edit.
 *
 * @public
 */
export const updateSyncRequestSchema = z
  .object({
    name: requiredText(INPUT_LIMITS.name).optional(),
    object: objectSelectionSchema.optional(),
    mode: z.enum(SYNC_MODES).optional(),
    identifier: identifierMappingSchema.optional(),
    fieldMappings: z
      .array(fieldMappingSchema)
      .max(INPUT_LIMITS.fieldMappings)
      .optional(),
    schedule: scheduleSchema.optional(),
    owner: requiredText(INPUT_LIMITS.owner).optional(),
    /** Replaces the sync's own removal guard settings; a key left out is the operator's default. */
    removalGuard: removalGuardSchema.optional(),
    /** Replaces the sync's own alert thresholds; a key left out is the operator's default. */
    alerts: alertThresholdsSchema.optional(),
    /** The `version` of the sync the edit was made from: a sync changed since then is not overwritten. */
    version: z.number().int().min(1).max(INPUT_LIMITS.integer).optional(),
  })
  .strict()
  .refine(body => Object.keys(body).some(key => key !== 'version'), {
    message:
      'must change at least one of name, object, mode, identifier, fieldMappings, schedule, owner, removalGuard, alerts',
    params: { code: 'no_change' },
  });
/**
 * The body of `PATCH /syncs/:syncId`.
 *
 * @public
 */
export type UpdateSyncRequest = z.input<typeof updateSyncRequestSchema>;

/**
 * The body of `POST /destinations/:destinationId/objects`.
 *
 * @public
 */
export const createObjectRequestSchema = z.object({ name: id }).strict();

/**
 * The query of `GET /destinations/:destinationId/fields`: one of the destination's objects by id, or the
 * name of one a sync would create.
 *
 * @public
 */
export const destinationFieldsQuerySchema = z
  .object({
    objectId: z.string().min(1).pipe(text(INPUT_LIMITS.id)).optional(),
    objectName: id.optional(),
  })
  .strict();

const limit = z.coerce.number().int().min(1).max(500).default(50);
const offset = z.coerce
  .number()
  .int()
  .min(0)
  .max(INPUT_LIMITS.integer)
  .default(0);
const filter = text(INPUT_LIMITS.id).optional();
const search = text(INPUT_LIMITS.search).optional();

/**
 * The query of `GET /syncs`.
 *
 * @public
 */
export const listSyncsQuerySchema = z
  .object({
    audienceId: filter,
    destinationId: filter,
    status: z.enum(SYNC_STATUSES).optional(),
    search,
    limit,
    offset,
  })
  .strict();
/**
 * The query of `GET /syncs`, defaults applied.
 *
 * @public
 */
export type ListSyncsQuery = z.infer<typeof listSyncsQuerySchema>;

/**
 * The query of `GET /audiences`.
 *
 * @public
 */
export const listAudiencesQuerySchema = z
  .object({ search, limit, offset })
  .strict();
/**
 * The query of `GET /audiences`, defaults applied.
 *
 * @public
 */
export type ListAudiencesQuery = z.infer<typeof listAudiencesQuerySchema>;

/**
 * The query of listings that only page, such as `GET /syncs/:syncId/runs`.
 *
 * @public
 */
export const pageQuerySchema = z.object({ limit, offset }).strict();

/**
 * The longest `?wait=` of `GET /syncs/:syncId/runs/:runId`, in seconds: shorter than the idle timeouts of
 * common proxies and load balancers, so a waiting caller asks again instead of being cut off.
 *
 * @public
 */
export const RUN_WAIT_MAX_SECONDS = 60;

/**
 * The query of `GET /syncs/:syncId/runs/:runId`: `wait`, in whole seconds up to `RUN_WAIT_MAX_SECONDS`,
 * answers once the run has settled or the time is up, whichever comes first.
 *
 * @public
 */
export const runQuerySchema = z
  .object({
    wait: z
      .string()
      .regex(/^\d{1,3}$/, {
        message: `must be a whole number of seconds from 0 to ${RUN_WAIT_MAX_SECONDS}`,
      })
      .transform(Number)
      .pipe(
        z.number().max(RUN_WAIT_MAX_SECONDS, {
          message: `must be at most ${RUN_WAIT_MAX_SECONDS} seconds`,
        }),
      )
      .optional(),
  })
  .strict();

/**
 * One readable line listing every problem, each naming the field it is about, e.g.
 * `audienceId: is required`. `prefix` is the path of the parsed value itself, e.g.
 * `['audienceSyncs', 'audiences']` for config.
 *
 * @public
 */
export function describeZodError(
  error: z.ZodError,
  prefix: FieldPath = [],
): string {
  return formatProblems(zodProblems(error, prefix));
}
