import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { INPUT_LIMITS } from '@signalsmith/backstage-plugin-audience-syncs-common';
import Router from 'express-promise-router';
import { AudienceCatalog } from '../../audiences/AudienceCatalog';
import { memberTimelineQuerySchema } from '../../memberHistory/memberTimelineQuerySchema';
import { MemberTimelineService } from '../../memberHistory/MemberTimelineService';
import { SyncAuthorizer } from '../../permissions/SyncAuthorizer';
import { parseInput, parsePathId } from '../parseInput';

/**
 * A member's timeline on the syncs of its audience. Read only: the sync read permission decides which
 * syncs it covers (none allowed is a 403), so a caller sees no more of a member than of the syncs.
 */
export function memberTimelineRoutes(options: {
  httpAuth: HttpAuthService;
  authorizer: SyncAuthorizer;
  audiences: AudienceCatalog;
  memberTimeline: MemberTimelineService;
}) {
  const { httpAuth, authorizer, audiences, memberTimeline } = options;
  const router = Router();

  router.get('/audiences/:audienceId/members/timeline', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const audienceId = parsePathId(
      'audienceId',
      req.params.audienceId,
      INPUT_LIMITS.id,
    );
    const { q } = parseInput(memberTimelineQuerySchema, req.query, 'query');
    const permission = await authorizer.readFilter(credentials);
    if (!(await audiences.get(audienceId))) {
      throw new NotFoundError(`No audience '${audienceId}'`);
    }
    res.json(await memberTimeline.timeline(audienceId, q, permission));
  });

  return router;
}
