import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  audienceSyncCreatePermission,
  audienceSyncReadPermission,
  audienceSyncRunPermission,
  audienceSyncUpdatePermission,
  createSyncRequestSchema,
  listSyncsQuerySchema,
  pageQuerySchema,
  updateSyncRequestSchema,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { z } from 'zod';
import { SyncAuthorizer } from '../../permissions/SyncAuthorizer';
import { actorOf } from '../actorOf';
import { audited } from '../audited';
import { SyncService } from '../SyncService';
import {
  firstRunOutput,
  forRegistry,
  nextRunOutput,
  pageOutput,
  runOutput,
  syncIdInput,
  syncOutput,
} from './actionSchemas';

/**
 * The sync operations as portal actions, so that Backstage's actions (and the assistants that use them) can
 * operate syncs. Each checks the same permission as its route and each change is audited like the route's,
 * with `via: action` in its metadata.
 */
const syncRunsInput = syncIdInput.merge(pageQuerySchema).strict();

export function registerSyncActions(options: {
  actionsRegistry: ActionsRegistryService;
  auditor: AuditorService;
  authorizer: SyncAuthorizer;
  syncs: SyncService;
}) {
  const { actionsRegistry, auditor, authorizer, syncs } = options;

  actionsRegistry.register({
    name: 'list-syncs',
    title: 'List audience syncs',
    description:
      'Lists the audience syncs the caller may read, newest first, optionally only those of one audience or destination, in one status, or whose name contains a text.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: () => forRegistry(listSyncsQuerySchema),
      output: () => forRegistry(pageOutput(syncOutput)),
    },
    action: async ({ input, credentials }) => {
      const { limit, offset, ...filter } = listSyncsQuerySchema.parse(input);
      const permission = await authorizer.readFilter(credentials);
      return {
        output: await syncs.list({ ...filter, permission }, { limit, offset }),
      };
    },
  });

  actionsRegistry.register({
    name: 'get-sync',
    title: 'Get an audience sync',
    description:
      'An audience sync: its audience, destination object, mode, identifier, field mappings, schedule, status and when it last synced.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: () => forRegistry(syncIdInput),
      output: () => forRegistry(z.object({ sync: syncOutput })),
    },
    action: async ({ input, credentials }) => {
      const { syncId } = syncIdInput.parse(input);
      await authorizer.authorizeSync(
        audienceSyncReadPermission,
        syncId,
        credentials,
      );
      return { output: { sync: await syncs.get(syncId) } };
    },
  });

  actionsRegistry.register({
    name: 'list-sync-runs',
    title: 'List the runs of an audience sync',
    description:
      'The runs of an audience sync, newest first, with what each planned, sent, and how many rows succeeded, failed or were invalid.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: () => forRegistry(syncRunsInput),
      output: () => forRegistry(pageOutput(runOutput)),
    },
    action: async ({ input, credentials }) => {
      const { syncId, ...page } = syncRunsInput.parse(input);
      await authorizer.authorizeSync(
        audienceSyncReadPermission,
        syncId,
        credentials,
      );
      await syncs.get(syncId);
      return { output: await syncs.listRuns(syncId, page) };
    },
  });

  const mutation = <T>(
    eventId: string,
    permission:
      | typeof audienceSyncRunPermission
      | typeof audienceSyncUpdatePermission,
    change: (syncId: string, actor: string) => Promise<T>,
  ) => {
    return async ({
      input,
      credentials,
    }: {
      input: unknown;
      credentials: BackstageCredentials;
    }) => {
      const { syncId } = syncIdInput.parse(input);
      const actor = actorOf(credentials);
      const meta = { syncId, actor, via: 'action' };
      return audited(auditor, undefined, { eventId, meta }, async () => {
        await authorizer.authorizeSync(permission, syncId, credentials);
        await syncs.get(syncId);
        return change(syncId, actor);
      });
    };
  };

  const runNow = mutation('sync-run', audienceSyncRunPermission, (id, actor) =>
    syncs.runNow(id, actor),
  );
  actionsRegistry.register({
    name: 'run-sync',
    title: 'Run an audience sync now',
    description:
      'Queues a run of the audience sync now. It sends what changed since the last run; in mirror mode that includes removing members who left the audience. Refused while another run of the sync is queued, running or held.',
    attributes: { destructive: true, idempotent: false },
    schema: {
      input: () => forRegistry(syncIdInput),
      output: () => forRegistry(z.object({ run: runOutput })),
    },
    action: async context => ({ output: { run: await runNow(context) } }),
  });

  const pause = mutation(
    'sync-pause',
    audienceSyncUpdatePermission,
    (id, actor) => syncs.pause(id, actor),
  );
  actionsRegistry.register({
    name: 'pause-sync',
    title: 'Pause an audience sync',
    description:
      'Pauses the audience sync: no scheduled run starts and queued runs are cancelled. The destination keeps its members.',
    attributes: { destructive: false, idempotent: false },
    schema: {
      input: () => forRegistry(syncIdInput),
      output: () => forRegistry(z.object({ sync: syncOutput })),
    },
    action: async context => ({ output: { sync: await pause(context) } }),
  });

  const resume = mutation(
    'sync-resume',
    audienceSyncUpdatePermission,
    (id, actor) => syncs.resume(id, actor),
  );
  actionsRegistry.register({
    name: 'resume-sync',
    title: 'Resume an audience sync',
    description:
      'Resumes a paused audience sync: its schedule applies again from now.',
    attributes: { destructive: false, idempotent: false },
    schema: {
      input: () => forRegistry(syncIdInput),
      output: () => forRegistry(z.object({ sync: syncOutput })),
    },
    action: async context => ({ output: { sync: await resume(context) } }),
  });

  actionsRegistry.register({
    name: 'dry-run-create-sync',
    title: 'Check a new audience sync without creating it',
    description:
      'Runs every check of creating an audience sync (audience, destination, object, identifier, field mappings, schedule) and answers the sync it would create with any warnings. Nothing is saved and no destination object is created.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: () => forRegistry(createSyncRequestSchema),
      output: () =>
        forRegistry(
          z.object({
            sync: syncOutput.omit({ id: true }),
            warnings: z.array(z.string()),
            firstRun: firstRunOutput,
          }),
        ),
    },
    action: async ({ input, credentials }) => {
      await authorizer.authorize(audienceSyncCreatePermission, credentials);
      const { sync, warnings, firstRun } = await syncs.dryRunCreate(
        createSyncRequestSchema.parse(input),
        actorOf(credentials),
      );
      return { output: { sync, warnings, firstRun } };
    },
  });

  const previewEditInput = syncIdInput
    .extend({ edit: updateSyncRequestSchema })
    .strict();
  actionsRegistry.register({
    name: 'preview-sync-edit',
    title: 'Preview an edit of an audience sync',
    description:
      'Runs every check of an edit (mode, object, identifier, field mappings, schedule, removal guard) without saving it, and answers what the next run would then do: members it adds, removes and updates, whether the whole audience is sent again, and whether the removal guard would hold it. Use it before changing a sync to mirror mode or to another object.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: () => forRegistry(previewEditInput),
      output: () =>
        forRegistry(
          z.object({
            changes: z.array(
              z.object({
                field: z.string(),
                from: z.unknown(),
                to: z.unknown(),
              }),
            ),
            warnings: z.array(z.string()),
            nextRun: nextRunOutput,
          }),
        ),
    },
    action: async ({ input, credentials }) => {
      const { syncId, edit } = previewEditInput.parse(input);
      await authorizer.authorizeSync(
        audienceSyncUpdatePermission,
        syncId,
        credentials,
      );
      const { changes, warnings, nextRun } = await syncs.dryRunUpdate(
        syncId,
        edit,
      );
      return { output: { changes, warnings, nextRun } };
    },
  });
}
