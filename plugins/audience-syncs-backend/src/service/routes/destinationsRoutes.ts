import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  audienceSyncCreatePermission,
  createObjectRequestSchema,
  destinationFieldsQuerySchema,
  INPUT_LIMITS,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import Router from 'express-promise-router';
import { SyncAuthorizer } from '../../permissions/SyncAuthorizer';
import { audited } from '../audited';
import { DestinationService } from '../DestinationService';
import { parseInput, parsePathId } from '../parseInput';

/** Destinations with their capabilities (never their settings), their objects, and object creation. */
export function destinationsRoutes(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: SyncAuthorizer;
  destinations: DestinationService;
}) {
  const { httpAuth, auditor, authorizer, destinations } = options;
  const router = Router();
  router.param('destinationId', (_req, _res, next, value) => {
    parsePathId('destinationId', value, INPUT_LIMITS.id);
    next();
  });

  router.get('/destinations', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ items: destinations.list() });
  });

  router.get('/destinations/:destinationId', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(destinations.get(req.params.destinationId));
  });

  router.get('/destinations/:destinationId/objects', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({
      items: await destinations.listObjects(req.params.destinationId),
    });
  });

  router.get('/destinations/:destinationId/fields', async (req, res) => {
    await httpAuth.credentials(req);
    const { objectId, objectName } = parseInput(
      destinationFieldsQuerySchema,
      req.query,
      'query',
    );
    res.json(
      await destinations.describeFields(req.params.destinationId, {
        objectId,
        objectName,
      }),
    );
  });

  router.post('/destinations/:destinationId/objects', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const { destinationId } = req.params;
    const object = await audited(
      auditor,
      req,
      { eventId: 'destination-object-create', meta: { destinationId } },
      async () => {
        await authorizer.authorize(audienceSyncCreatePermission, credentials);
        // An unknown destination is a 404 before the body is looked at.
        destinations.get(destinationId);
        const { name } = parseInput(
          createObjectRequestSchema,
          req.body,
          'body',
        );
        return destinations.createObject(destinationId, name);
      },
    );
    res.status(201).json(object);
  });

  return router;
}
