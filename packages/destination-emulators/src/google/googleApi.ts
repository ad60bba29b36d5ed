import { Router } from 'express';
import { EmulatorContext, VendorApi } from '../framework/VendorApi';
import { TokenIssuer } from '../framework/TokenIssuer';
import { audienceMembersRoute } from './audienceMembersRoute';
import { GoogleAccounts } from './googleAccounts';
import { googleAuth, GoogleOAuthClient } from './googleAuth';
import { durationOf, errorInfo, sendGoogleError } from './googleErrors';
import { SeedUserList, UserListStore } from './googleUserLists';
import { ProcessedRequests } from './ProcessedRequests';
import { userListRoutes } from './userListRoutes';

const MEMBERS = /^\/v1\/audienceMembers:(ingest|remove)$/;
const REQUEST_STATUS = '/v1/requestStatus:retrieve';

export interface GoogleApiOptions {
  accessTokens: string[];
  oauthClients: GoogleOAuthClient[];
  tokenLifetimeSeconds: number;
  accountIds: string[];
  managerAccounts: Record<string, string[]>;
  userLists: SeedUserList[];
  processingMs: number;
  processingErrors: Record<string, string>;
}

/** The Data Manager API's audience members and user lists for Google Ads operating accounts. */
export function googleApi(
  options: GoogleApiOptions,
  context: EmulatorContext,
): VendorApi {
  const accounts = GoogleAccounts.create(options);
  const lists = UserListStore.create(options.userLists);
  const requests = ProcessedRequests.create({
    clock: context.clock,
    processingMs: options.processingMs,
  });
  const tokens = TokenIssuer.create({
    clock: context.clock,
    stats: context.stats,
    lifetimeSeconds: options.tokenLifetimeSeconds,
    prefix: 'ya29.emu-',
    fixedTokens: options.accessTokens,
  });
  const router = Router();
  router.post(
    MEMBERS,
    audienceMembersRoute(
      {
        lists,
        accounts,
        requests,
        processingErrors: options.processingErrors,
      },
      context,
    ),
  );
  router.get(REQUEST_STATUS, (req, res) => {
    const requestId = req.query.requestId;
    const status =
      typeof requestId === 'string' ? requests.status(requestId) : undefined;
    if (status === undefined) {
      sendGoogleError(res, 404, 'NOT_FOUND', 'Request ID not found.', [
        errorInfo('NOT_FOUND'),
      ]);
      return;
    }
    res.json(status);
  });
  router.use(userListRoutes(lists, accounts));

  return {
    authenticate: googleAuth(tokens, options.oauthClients),
    router,
    objects: () => lists.all().map(l => ({ id: l.id, name: l.displayName })),
    throttled(_req, res, retryAfterMs) {
      const limit = context.bucket.limit;
      sendGoogleError(
        res,
        429,
        'RESOURCE_EXHAUSTED',
        "Quota exceeded for quota metric 'Ingestion requests' and limit 'Ingestion requests per minute per project' of service 'datamanager.googleapis.com'.",
        [
          errorInfo('RESOURCE_EXHAUSTED', {
            quota_limit: 'IngestionRequestsPerMinutePerProject',
            quota_limit_value: String(limit?.requests ?? 0),
          }),
          {
            '@type': 'type.googleapis.com/google.rpc.RetryInfo',
            retryDelay: durationOf(retryAfterMs),
          },
        ],
      );
    },
    serverError(_req, res, random) {
      if (random() < 0.5) {
        sendGoogleError(
          res,
          503,
          'UNAVAILABLE',
          'The service is currently unavailable.',
          [errorInfo('INTERNAL_ERROR')],
        );
      } else {
        // Borrowed from the Ads API: another request changed the list at the same moment.
        sendGoogleError(
          res,
          409,
          'ABORTED',
          'Multiple requests were attempting to modify the same resource at once. Retry the request.',
          [errorInfo('CONCURRENT_MODIFICATION')],
        );
      }
    },
    notFound(req, res) {
      sendGoogleError(res, 404, 'NOT_FOUND', `Method not found: ${req.path}`);
    },
    badRequest(_req, res, message) {
      sendGoogleError(
        res,
        400,
        'INVALID_ARGUMENT',
        `Invalid JSON payload received. ${message}`,
      );
    },
    // Status reads have a quota of their own, not the ingestion requests' one the emulator keeps.
    unmetered: req => req.path === REQUEST_STATUS,
    reset() {
      lists.reset();
      requests.reset();
      tokens.reset();
    },
  };
}
