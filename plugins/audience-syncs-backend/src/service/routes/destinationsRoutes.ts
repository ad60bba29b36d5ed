import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  audienceSyncCreatePermission,
  createObjectRequestSchema,
} from '@internal/plugin-audience-syncs-common';
import Router from 'express-promise-router';
import { DestinationRegistry } from '../../destinations/DestinationRegistry';
import { SyncAuthorizer } from '../../permissions/SyncAuthorizer';
import { audited } from '../audited';
import { parseInput } from '../parseInput';

/** Destinations with their capabilities (never their settings), their objects, and object creation. */
export function destinationsRoutes(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  authorizer: SyncAuthorizer;
  destinations: DestinationRegistry;
}) {
  const { httpAuth, auditor, authorizer, destinations } = options;
  const router = Router();

  router.get('/destinations', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ items: destinations.list() });
  });

  router.get('/destinations/:destinationId', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(destinations.require(req.params.destinationId).destination);
  });

  router.get('/destinations/:destinationId/objects', async (req, res) => {
    await httpAuth.credentials(req);
    const { destination, client } = destinations.require(
      req.params.destinationId,
    );
    try {
      res.json({ items: await client.listObjects() });
    } catch (error) {
      throw new ServiceUnavailableError(
        `Could not list the objects of destination '${destination.name}': ${
          (error as Error).message
        }`,
      );
    }
  });

  router.post('/destinations/:destinationId/objects', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const object = await audited(
      auditor,
      req,
      {
        eventId: 'destination-object-create',
        meta: { destinationId: req.params.destinationId },
      },
      async () => {
        await authorizer.authorize(audienceSyncCreatePermission, credentials);
        const { destination, client } = destinations.require(
          req.params.destinationId,
        );
        const { name } = parseInput(createObjectRequestSchema, req.body);
        if (
          !destination.capabilities.canCreateObjects ||
          !client.createObject
        ) {
          throw new InputError(
            `name: destination '${destination.name}' does not let Backstage create a ${destination.capabilities.objectLabel}; create it in ${destination.typeLabel} first`,
          );
        }
        return client.createObject(name);
      },
    );
    res.status(201).json(object);
  });

  return router;
}
