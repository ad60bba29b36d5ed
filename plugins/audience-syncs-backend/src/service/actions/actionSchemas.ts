import { z } from 'zod';

/**
 * A schema of this plugin as the actions registry takes it. The registry is typed against zod 4's `zod/v3`
 * declarations, this plugin's schemas (those of `-common` included) are zod 3: the same runtime API, which
 * the registry uses to parse inputs and publish JSON schemas, but declarations TypeScript cannot relate.
 * Actions parse their input again with the plugin's own schema to get its types.
 */
export function forRegistry(schema: z.ZodTypeAny): any {
  return schema;
}

/*
 * What the portal's actions answer, described for the callers that discover them (assistants read these
 * descriptions). The objects pass through every field the REST API returns; the ones named here are those
 * a caller needs to decide what to do next.
 */

const syncId = z.string().describe('The id of the audience sync');

export const syncIdInput = z.object({ syncId: syncId.min(1).max(64) });

export const syncOutput = z
  .object({
    id: syncId,
    name: z.string(),
    audienceId: z.string(),
    destinationId: z.string(),
    mode: z
      .string()
      .describe(
        'mirror (adds and removes), additive (adds only) or subtractive (removes only)',
      ),
    status: z.string().describe('active, paused or errored'),
    owner: z.string(),
    lastSyncedAt: z.string().nullable(),
    nextRunAt: z
      .string()
      .nullable()
      .describe(
        'When the next scheduled run is due; null when paused, manual, or running after each evaluation of the audience (schedule type after_evaluation)',
      ),
  })
  .passthrough();

export const runOutput = z
  .object({
    id: z.number().describe('The run id'),
    syncId,
    trigger: z.string().describe('initial, schedule or manual'),
    status: z
      .string()
      .describe(
        'queued, running, held (waiting for an approval of its removals), succeeded, partial, failed or cancelled',
      ),
    sent: z.number(),
    succeeded: z.number(),
    failed: z.number(),
    invalid: z.number(),
    error: z.string().nullable(),
  })
  .passthrough();

export const nextRunOutput = z
  .object({
    adds: z.number(),
    removes: z
      .number()
      .describe('Members the run would remove from the destination'),
    updates: z.number(),
    rekeyed: z
      .number()
      .describe(
        'Of the updates, members whose identifier changed; mirror removes the old one first',
      ),
    ledgerReset: z
      .boolean()
      .describe(
        'The edit changes the object or identifier: the whole audience is sent again',
      ),
    heldForApproval: z
      .string()
      .nullable()
      .describe(
        'Why the removal guard would hold the run for a person to approve; null when it would not',
      ),
  })
  .passthrough()
  .describe('What the next run would do if it started now with the edit saved');

export const firstRunOutput = z
  .object({
    audienceMembers: z.number(),
    sendable: z.number().describe('Members the first run would send'),
    unsendable: z
      .array(
        z
          .object({ code: z.string(), count: z.number(), message: z.string() })
          .passthrough(),
      )
      .describe('Members that cannot be sent, by reason'),
  })
  .passthrough();

export function pageOutput<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    totalCount: z.number().describe('How many match, across every page'),
    limit: z.number(),
    offset: z.number(),
  });
}
