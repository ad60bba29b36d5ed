import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  AUDIENCE_SYNC_RESOURCE_TYPE,
  audienceSyncApprovePermission,
  audienceSyncCreatePermission,
  audienceSyncDeletePermission,
  audienceSyncReadPermission,
  audienceSyncRunPermission,
  audienceSyncUpdatePermission,
  createSyncRequestSchema,
  INPUT_LIMITS,
  listSyncsQuerySchema,
  pageQuerySchema,
  runQuerySchema,
  SyncRun,
  updateSyncRequestSchema,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { SyncAuthorizer } from '../../permissions/SyncAuthorizer';
import { actorOf } from '../actorOf';
import { audited } from '../audited';
import {
  parseDryRun,
  parseInput,
  parsePathId,
  parseRunId,
} from '../parseInput';
import { SyncService } from '../SyncService';
import { waitForSettledRun } from '../waitForSettledRun';

type SyncPermission = ResourcePermission<typeof AUDIENCE_SYNC_RESOURCE_TYPE>;

/** Syncs and their runs. Every mutation is authorized and audited before it changes anything. */
export function syncsRoutes(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: SyncAuthorizer;
  syncs: SyncService;
}) {
  const { httpAuth, auditor, authorizer, syncs } = options;
  const router = Router();
  router.param('syncId', (_req, _res, next, value) => {
    parsePathId('syncId', value, INPUT_LIMITS.syncId);
    next();
  });

  /**
   * The caller holds the permission on the sync of the route (403), and it exists (404): in that order, so
   * that a caller who may not see a sync cannot tell an unknown id from one it may not read.
   */
  const authorizedSync = async (
    req: Request<{ syncId: string }>,
    permission: SyncPermission,
    credentials: BackstageCredentials,
  ) => {
    await authorizer.authorizeSync(permission, req.params.syncId, credentials);
    return syncs.get(req.params.syncId);
  };

  /** The route's sync, for a caller who may read it. */
  const readableSync = async (req: Request<{ syncId: string }>) =>
    authorizedSync(
      req,
      audienceSyncReadPermission,
      await httpAuth.credentials(req),
    );

  /** A change to the route's sync, audited whether it is refused, fails or succeeds. */
  const mutateSync = async <T>(
    req: Request<{ syncId: string }>,
    eventId: string,
    permission: SyncPermission,
    change: (syncId: string, actor: string) => Promise<T>,
  ): Promise<T> => {
    const credentials = await httpAuth.credentials(req);
    const { syncId } = req.params;
    return audited(auditor, req, { eventId, meta: { syncId } }, async () => {
      await authorizedSync(req, permission, credentials);
      return change(syncId, actorOf(credentials));
    });
  };

  router.get('/syncs', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { limit, offset, ...filter } = parseInput(
      listSyncsQuerySchema,
      req.query,
      'query',
    );
    const permission = await authorizer.readFilter(credentials);
    res.json(await syncs.list({ ...filter, permission }, { limit, offset }));
  });

  router.post('/syncs', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    if (parseDryRun(req.query.dryRun)) {
      // Validation only: the same permission and checks as a create, and nothing to audit.
      await authorizer.authorize(audienceSyncCreatePermission, credentials);
      const input = parseInput(createSyncRequestSchema, req.body, 'body');
      res.json(await syncs.dryRunCreate(input, actorOf(credentials)));
      return;
    }
    const result = await audited(
      auditor,
      req,
      { eventId: 'sync-create' },
      async () => {
        await authorizer.authorize(audienceSyncCreatePermission, credentials);
        const input = parseInput(createSyncRequestSchema, req.body, 'body');
        return syncs.create(input, actorOf(credentials));
      },
    );
    res.status(201).json(result);
  });

  router.get('/syncs/:syncId', async (req, res) => {
    res.json(await readableSync(req));
  });

  router.patch('/syncs/:syncId', async (req, res) => {
    if (parseDryRun(req.query.dryRun)) {
      // Like a create's dry run: the permission and checks of the edit, nothing changed, nothing to audit.
      const credentials = await httpAuth.credentials(req);
      await authorizedSync(req, audienceSyncUpdatePermission, credentials);
      const input = parseInput(updateSyncRequestSchema, req.body, 'body');
      res.json(await syncs.dryRunUpdate(req.params.syncId, input));
      return;
    }
    const result = await mutateSync(
      req,
      'sync-update',
      audienceSyncUpdatePermission,
      (syncId, actor) =>
        syncs.update(
          syncId,
          parseInput(updateSyncRequestSchema, req.body, 'body'),
          actor,
        ),
    );
    res.json(result);
  });

  router.post('/syncs/:syncId/pause', async (req, res) => {
    res.json(
      await mutateSync(
        req,
        'sync-pause',
        audienceSyncUpdatePermission,
        (id, actor) => syncs.pause(id, actor),
      ),
    );
  });

  router.post('/syncs/:syncId/resume', async (req, res) => {
    res.json(
      await mutateSync(
        req,
        'sync-resume',
        audienceSyncUpdatePermission,
        (id, actor) => syncs.resume(id, actor),
      ),
    );
  });

  /** A route that queues a run of the sync: `202` with the run. */
  const queueRoute = (
    action: string,
    eventId: string,
    permission: SyncPermission,
    queue: (syncId: string, actor: string) => Promise<SyncRun>,
  ) =>
    router.post(`/syncs/:syncId/${action}`, async (req, res) => {
      res.status(202).json(await mutateSync(req, eventId, permission, queue));
    });

  queueRoute('run', 'sync-run', audienceSyncRunPermission, (id, actor) =>
    syncs.runNow(id, actor),
  );
  queueRoute('verify', 'sync-verify', audienceSyncRunPermission, (id, actor) =>
    syncs.verify(id, actor),
  );
  queueRoute(
    'repair',
    'sync-repair',
    audienceSyncUpdatePermission,
    (id, actor) => syncs.repair(id, actor),
  );

  router.post('/syncs/:syncId/resync', async (req, res) => {
    if (parseDryRun(req.query.dryRun)) {
      // The plan its confirmation shows: the permission of a resync, nothing queued, nothing to audit.
      const credentials = await httpAuth.credentials(req);
      await authorizedSync(req, audienceSyncUpdatePermission, credentials);
      res.json(await syncs.resyncPlan(req.params.syncId));
      return;
    }
    const run = await mutateSync(
      req,
      'sync-resync',
      audienceSyncUpdatePermission,
      (id, actor) => syncs.resync(id, actor),
    );
    res.status(202).json(run);
  });

  router.post('/syncs/:syncId/runs/:runId/approve', async (req, res) => {
    const runId = parseRunId(req.params.runId);
    res.json(
      await mutateSync(
        req,
        'sync-run-approve',
        audienceSyncApprovePermission,
        (id, actor) => syncs.approve(id, runId, actor),
      ),
    );
  });

  router.delete('/syncs/:syncId', async (req, res) => {
    await mutateSync(req, 'sync-delete', audienceSyncDeletePermission, id =>
      syncs.delete(id),
    );
    res.status(204).end();
  });

  router.get('/syncs/:syncId/runs', async (req, res) => {
    const page = parseInput(pageQuerySchema, req.query, 'query');
    const sync = await readableSync(req);
    res.json(await syncs.listRuns(sync.id, page));
  });

  router.get('/syncs/:syncId/activity', async (req, res) => {
    const page = parseInput(pageQuerySchema, req.query, 'query');
    const sync = await readableSync(req);
    res.json(await syncs.listActivity(sync.id, page));
  });

  /** With `?wait=`, a long poll: an orchestrator that triggered the run waits here for how it ended. */
  router.get('/syncs/:syncId/runs/:runId', async (req, res) => {
    const runId = parseRunId(req.params.runId);
    const { wait } = parseInput(runQuerySchema, req.query, 'query');
    const sync = await readableSync(req);
    const read = () => syncs.getRun(sync.id, runId);
    if (!wait) {
      res.json(await read());
      return;
    }
    // Stop reading for a caller that hung up.
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    res.json(
      await waitForSettledRun(read, {
        waitMs: wait * 1000,
        signal: gone.signal,
      }),
    );
  });

  return router;
}
