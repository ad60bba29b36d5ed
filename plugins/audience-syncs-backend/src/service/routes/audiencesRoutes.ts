import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  INPUT_LIMITS,
  listAudiencesQuerySchema,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import Router from 'express-promise-router';
import { AudienceCatalog } from '../../audiences/AudienceCatalog';
import { parseInput, parsePathId } from '../parseInput';

/** Audiences: entity type, keys, traits, attributes, member count and evaluation state. */
export function audiencesRoutes(options: {
  httpAuth: HttpAuthService;
  audiences: AudienceCatalog;
}) {
  const { httpAuth, audiences } = options;
  const router = Router();
  router.param('audienceId', (_req, _res, next, value) => {
    parsePathId('audienceId', value, INPUT_LIMITS.id);
    next();
  });

  router.get('/audiences', async (req, res) => {
    await httpAuth.credentials(req);
    const query = parseInput(listAudiencesQuerySchema, req.query, 'query');
    res.json(await audiences.list(query));
  });

  router.get('/audiences/:audienceId', async (req, res) => {
    await httpAuth.credentials(req);
    const audience = await audiences.get(req.params.audienceId);
    if (!audience) {
      throw new NotFoundError(`No audience '${req.params.audienceId}'`);
    }
    res.json(audience);
  });

  return router;
}
