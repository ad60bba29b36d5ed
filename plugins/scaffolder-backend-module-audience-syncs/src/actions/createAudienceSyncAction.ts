import { RootConfigService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  describeSchedule,
  ENTITY_KEYS,
  SCHEDULE_TYPES,
  SYNC_MODES,
  SyncDryRunResponse,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSyncsService } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { createHash } from 'node:crypto';
import { examples } from './createAudienceSyncAction.examples';

/**
 * `audience-syncs:create`: creates an audience sync through the Audience Syncs backend, on behalf of the
 * user running the template, so their permission is checked and the creation is audited in their name.
 * In a dry run the backend validates everything and creates nothing.
 */
export function createAudienceSyncAction(options: {
  audienceSyncs: AudienceSyncsService;
  config: RootConfigService;
}) {
  const { audienceSyncs } = options;
  const appBaseUrl = options.config.getString('app.baseUrl');

  return createTemplateAction({
    id: 'audience-syncs:create',
    description:
      'Creates an audience sync that sends the membership of an audience to an object in a destination, on behalf of the user running the template. Supports dry runs: everything is validated and nothing is created.',
    examples,
    supportsDryRun: true,
    schema: {
      // The create request of the Audience Syncs API (`createSyncRequestSchema`, which is built by another
      // zod than the scaffolder's), field for field, so the template's values pass straight through and a
      // body is accepted here exactly when the API accepts its shape (a test holds the two together). The
      // backend then checks the values and names the field of every problem.
      input: z => {
        const text = () => z.string().min(1).regex(/\S/);
        return z
          .object({
            name: text()
              .max(200)
              .optional()
              .describe(
                'Display name of the sync; defaults to "Audience → Destination / Object"',
              ),
            audienceId: text().describe(
              'Id of the audience to sync: saved, evaluated, with members',
            ),
            destinationId: text().describe(
              'Id of the configured destination to send the audience to',
            ),
            object: z
              .union([
                z.object({ id: text() }).strict(),
                z
                  .object({ create: z.object({ name: text() }).strict() })
                  .strict(),
              ])
              .describe(
                'The object the sync fills in the destination (custom audience, list, campaign…): an existing one as { id }, or { create: { name } } for a new one where the destination allows it',
              ),
            mode: z
              .enum(SYNC_MODES)
              .default('mirror')
              .describe(
                'mirror adds new and removes departed members; additive only adds; subtractive only removes',
              ),
            identifier: z
              .object({ entityKey: z.enum(ENTITY_KEYS), field: text() })
              .strict()
              .describe(
                "The entity key that identifies members and the destination's identifier field it fills",
              ),
            fieldMappings: z
              .array(
                z
                  .object({
                    source: z
                      .object({
                        kind: z.enum(['trait', 'attribute']),
                        name: text(),
                      })
                      .strict(),
                    destinationField: text(),
                  })
                  .strict(),
              )
              .default([])
              .describe(
                'Traits and attributes sent beside the identifier, for destinations that take additional fields',
              ),
            schedule: z
              .object({
                type: z.enum(SCHEDULE_TYPES),
                cron: text().optional(),
                timezone: text().optional(),
              })
              .strict()
              .describe(
                'How often the sync runs; type after_evaluation runs it once after each evaluation of the audience, type cron takes a five-field cron expression, and any type an IANA timezone (default UTC)',
              ),
            owner: text()
              .optional()
              .describe(
                'Owner entity ref; defaults to the user running the template',
              ),
            removalGuard: z
              .object({
                maxShare: z.number().gt(0).max(1).optional(),
                minRemovals: z
                  .number()
                  .int()
                  .min(0)
                  .max(2_147_483_647)
                  .optional(),
              })
              .strict()
              .optional()
              .describe(
                "The sync's own removal guard (share of the list and minimum count removed before a run waits for approval); left out, the backend's defaults apply",
              ),
            alerts: z
              .object({
                invalidShare: z.number().gt(0).max(1).optional(),
                rowCountSwing: z.number().gt(0).max(1).optional(),
              })
              .strict()
              .optional()
              .describe(
                "The sync's own alert thresholds (share of the audience's members found invalid, and change of the audience size against the previous run, above which the owners are notified); left out, the backend's defaults apply",
              ),
            runNow: z
              .boolean()
              .default(false)
              .describe(
                'Queue the first run right away instead of waiting for the next scheduled time',
              ),
          })
          .strict();
      },
      output: z =>
        z.object({
          syncId: z.string().optional().describe('Id of the new sync'),
          syncUrl: z
            .string()
            .optional()
            .describe('Detail page of the new sync in the portal'),
          syncName: z.string().describe('Name of the (would-be) sync'),
          warnings: z
            .array(z.string())
            .describe(
              'What the sync was created despite, e.g. a schedule faster than the audience evaluation',
            ),
          runId: z
            .number()
            .optional()
            .describe('The queued first run, when runNow was set'),
        }),
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const request = ctx.input;

      if (ctx.isDryRun) {
        const preview = await audienceSyncs.dryRunCreateSync(request, {
          credentials,
        });
        ctx.logger.info(
          `Dry run: would create ${describePreview(
            preview,
          )}; nothing was created`,
        );
        preview.warnings.forEach(warning => ctx.logger.warn(warning));
        ctx.output('syncName', preview.sync.name);
        ctx.output('warnings', preview.warnings);
        return;
      }

      // Keyed by the request: a retried task finds the sync it already created instead of creating another,
      // while each iteration of an `each` step still creates its own.
      const created = await ctx.checkpoint({
        key: `create-sync.${createHash('sha256')
          .update(JSON.stringify(request))
          .digest('hex')}`,
        fn: async () => {
          const { sync, warnings, run } = await audienceSyncs.createSync(
            request,
            { credentials },
          );
          return {
            syncId: sync.id,
            syncName: sync.name,
            nextRunAt: sync.nextRunAt,
            warnings,
            runId: run?.id ?? null,
          };
        },
      });

      const syncUrl = `${appBaseUrl}/audience-syncs/${encodeURIComponent(
        created.syncId,
      )}`;
      ctx.logger.info(
        `Created audience sync '${created.syncName}': ${syncUrl}`,
      );
      if (created.runId !== null) {
        ctx.logger.info(`Its first run (${created.runId}) is queued`);
      } else if (created.nextRunAt) {
        ctx.logger.info(`Its first run starts at ${created.nextRunAt}`);
      } else {
        ctx.logger.info('It runs when started from its page (manual schedule)');
      }
      created.warnings.forEach(warning => ctx.logger.warn(warning));

      ctx.output('syncId', created.syncId);
      ctx.output('syncUrl', syncUrl);
      ctx.output('syncName', created.syncName);
      ctx.output('warnings', created.warnings);
      if (created.runId !== null) {
        ctx.output('runId', created.runId);
      }
    },
  });
}

function describePreview({ sync }: SyncDryRunResponse): string {
  const object =
    'create' in sync.object
      ? `a new object '${sync.object.create.name}'`
      : `'${sync.object.name}'`;
  return `'${sync.name}' (${sync.mode}: audience '${
    sync.audienceId
  }' to ${object} of destination '${
    sync.destinationId
  }', schedule ${describeSchedule(sync.schedule)})`;
}
