import { Request, Response, Router } from 'express';
import { EmulatorContext, VendorApi } from '../framework/VendorApi';
import { listRoutes } from './listRoutes';
import { segmentRoutes } from './segmentRoutes';
import { mailchimpAuth } from './mailchimpAuth';
import { sendNotFound, sendProblem } from './mailchimpErrors';
import { MailchimpStore, SeedMailchimpList } from './MailchimpStore';

export interface MailchimpApiOptions {
  apiKeys: string[];
  lists: SeedMailchimpList[];
  maxConnections: number;
  /** 429 problem+json (documented), or the bare 403 seen under heavy load. */
  throttleStatus: 429 | 403;
}

/** The Marketing API's audiences, members, merge fields and tags for one account. */
export function mailchimpApi(
  options: MailchimpApiOptions,
  context: EmulatorContext,
): VendorApi {
  const store = MailchimpStore.create({
    seeds: options.lists,
    ledger: context.ledger,
    now: () => context.clock.now(),
  });
  const throttled = (_req: Request, res: Response) => {
    if (options.throttleStatus === 403) {
      res.status(403).type('text/html').send('<h1>403 Forbidden</h1>');
      return;
    }
    // No rate-limit headers; the detail wording is the emulator's.
    sendProblem(
      res,
      429,
      'Too Many Requests',
      `You have exceeded the limit of ${options.maxConnections} simultaneous connections.`,
    );
  };
  const router = Router();
  router.use(listRoutes(store, context));
  router.use(segmentRoutes(store, context));

  return {
    authenticate: mailchimpAuth({
      apiKeys: new Set(options.apiKeys),
      maxConnections: options.maxConnections,
      stats: context.stats,
      throttled,
    }),
    router,
    objects: () =>
      store
        .segments()
        .filter(s => s.type === 'static')
        .map(s => ({ id: String(s.id), name: s.name })),
    throttled,
    serverError(_req, res, random) {
      if (random() < 0.5) {
        sendProblem(
          res,
          500,
          'Internal Server Error',
          'An unexpected internal error has occurred. Please contact Support for more information.',
        );
      } else {
        sendProblem(
          res,
          503,
          'Service Unavailable',
          'This service is temporarily unavailable. Please try again later.',
        );
      }
    },
    notFound(_req, res) {
      sendNotFound(res);
    },
    badRequest(_req, res, message) {
      sendProblem(res, 400, 'JSON Parse Error', message);
    },
    reset() {
      store.reset();
    },
  };
}
