import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  audienceSyncApprovePermission,
  audienceSyncCreatePermission,
  audienceSyncDeletePermission,
  audienceSyncReadPermission,
  audienceSyncRunPermission,
  audienceSyncUpdatePermission,
  createSyncRequestSchema,
  listSyncsQuerySchema,
  pageQuerySchema,
  updateSyncRequestSchema,
} from '@internal/plugin-audience-syncs-common';
import Router from 'express-promise-router';
import { SyncStore } from '../../database/SyncStore';
import { SyncAuthorizer } from '../../permissions/SyncAuthorizer';
import { actorOf } from '../actorOf';
import { audited } from '../audited';
import { parseInput, parseRunId } from '../parseInput';
import { SyncService } from '../SyncService';

/** Syncs and their runs. Every mutation is authorized and audited before it changes anything. */
export function syncsRoutes(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: SyncAuthorizer;
  syncs: SyncService;
  store: SyncStore;
}) {
  const { httpAuth, auditor, authorizer, syncs, store } = options;
  const router = Router();

  router.get('/syncs', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { limit, offset, ...filter } = parseInput(
      listSyncsQuerySchema,
      req.query,
    );
    const permission = await authorizer.readFilter(credentials);
    res.json(
      await store.listSyncs({ ...filter, permission }, { limit, offset }),
    );
  });

  router.post('/syncs', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const result = await audited(
      auditor,
      req,
      { eventId: 'sync-create' },
      async () => {
        await authorizer.authorize(audienceSyncCreatePermission, credentials);
        const input = parseInput(createSyncRequestSchema, req.body);
        return syncs.create(input, actorOf(credentials));
      },
    );
    res.status(201).json(result);
  });

  router.get('/syncs/:syncId', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const sync = await syncs.get(req.params.syncId);
    await authorizer.authorizeSync(
      audienceSyncReadPermission,
      sync.id,
      credentials,
    );
    res.json(sync);
  });

  router.patch('/syncs/:syncId', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { syncId } = req.params;
    const result = await audited(
      auditor,
      req,
      { eventId: 'sync-update', meta: { syncId } },
      async () => {
        await syncs.get(syncId);
        await authorizer.authorizeSync(
          audienceSyncUpdatePermission,
          syncId,
          credentials,
        );
        const input = parseInput(updateSyncRequestSchema, req.body);
        return syncs.update(syncId, input, actorOf(credentials));
      },
    );
    res.json(result);
  });

  for (const action of ['pause', 'resume'] as const) {
    router.post(`/syncs/:syncId/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const { syncId } = req.params;
      const sync = await audited(
        auditor,
        req,
        { eventId: `sync-${action}`, meta: { syncId } },
        async () => {
          await syncs.get(syncId);
          await authorizer.authorizeSync(
            audienceSyncUpdatePermission,
            syncId,
            credentials,
          );
          return syncs[action](syncId, actorOf(credentials));
        },
      );
      res.json(sync);
    });
  }

  router.post('/syncs/:syncId/run', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { syncId } = req.params;
    const run = await audited(
      auditor,
      req,
      { eventId: 'sync-run', meta: { syncId } },
      async () => {
        await syncs.get(syncId);
        await authorizer.authorizeSync(
          audienceSyncRunPermission,
          syncId,
          credentials,
        );
        return syncs.runNow(syncId);
      },
    );
    res.status(202).json(run);
  });

  router.post('/syncs/:syncId/runs/:runId/approve', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { syncId } = req.params;
    const runId = parseRunId(req.params.runId);
    const run = await audited(
      auditor,
      req,
      { eventId: 'sync-run-approve', meta: { syncId, runId } },
      async () => {
        await syncs.get(syncId);
        await authorizer.authorizeSync(
          audienceSyncApprovePermission,
          syncId,
          credentials,
        );
        return syncs.approve(syncId, runId);
      },
    );
    res.json(run);
  });

  router.delete('/syncs/:syncId', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { syncId } = req.params;
    await audited(
      auditor,
      req,
      { eventId: 'sync-delete', meta: { syncId } },
      async () => {
        await syncs.get(syncId);
        await authorizer.authorizeSync(
          audienceSyncDeletePermission,
          syncId,
          credentials,
        );
        await syncs.delete(syncId);
      },
    );
    res.status(204).end();
  });

  router.get('/syncs/:syncId/runs', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { syncId } = req.params;
    const page = parseInput(pageQuerySchema, req.query);
    await syncs.get(syncId);
    await authorizer.authorizeSync(
      audienceSyncReadPermission,
      syncId,
      credentials,
    );
    res.json(await store.listRuns(syncId, page));
  });

  router.get('/syncs/:syncId/runs/:runId', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { syncId } = req.params;
    const runId = parseRunId(req.params.runId);
    await syncs.get(syncId);
    await authorizer.authorizeSync(
      audienceSyncReadPermission,
      syncId,
      credentials,
    );
    const run = await store.getRun(syncId, runId);
    if (!run)
      throw new NotFoundError(`No run ${runId} of audience sync '${syncId}'`);
    res.json(run);
  });

  return router;
}
