import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { HealthResponse } from '@signalsmith/backstage-plugin-audience-syncs-common';
import express from 'express';
import Router from 'express-promise-router';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { SyncAuthorizer } from '../permissions/SyncAuthorizer';
import { audiencesRoutes } from './routes/audiencesRoutes';
import { destinationsRoutes } from './routes/destinationsRoutes';
import { syncsRoutes } from './routes/syncsRoutes';
import { DestinationService } from './DestinationService';
import { malformedRequestHandler } from './malformedRequestHandler';
import { syncProblemsErrorHandler } from './syncProblemsErrorHandler';
import { SyncService } from './SyncService';
import { MemberTimelineService } from '../memberHistory/MemberTimelineService';
import { memberTimelineRoutes } from './routes/memberTimelineRoutes';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: SyncAuthorizer;
  audiences: AudienceCatalog;
  destinations: DestinationService;
  syncs: SyncService;
  memberTimeline: MemberTimelineService;
}

/** `/api/audience-syncs`: each route checks who calls, then asks a service. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });

  router.use(audiencesRoutes(options));
  router.use(destinationsRoutes(options));
  router.use(syncsRoutes(options));
  router.use(memberTimelineRoutes(options));
  router.use(malformedRequestHandler(), syncProblemsErrorHandler());
  return router;
}
