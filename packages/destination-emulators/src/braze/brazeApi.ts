import { Response, Router } from 'express';
import { EmulatorContext, VendorApi } from '../framework/VendorApi';
import { brazeAuth } from './brazeAuth';
import { sendBrazeError } from './brazeErrors';
import { BrazeUserStore } from './BrazeUserStore';
import { usersExportRoute } from './usersExportRoute';
import { usersTrackRoute } from './usersTrackRoute';

export interface BrazeApiOptions {
  apiKeys: string[];
  /** Array attributes whose values are the emulator's objects (membership). */
  membershipAttributes: string[];
  /** Values that are objects from the start, with display names. */
  objects: Array<{ id: string; name: string }>;
  arrayLimit: number;
  maxObjectsPerRequest: number;
  successStatus: number;
}

/** The user-data part of Braze's REST API: `/users/track` and a read-back `/users/export/ids`. */
export function brazeApi(
  options: BrazeApiOptions,
  context: EmulatorContext,
): VendorApi {
  const users = BrazeUserStore.create({
    arrayLimit: options.arrayLimit,
    membershipAttributes: options.membershipAttributes,
    now: () => context.clock.now(),
  });
  const names = new Map(options.objects.map(o => [o.id, o.name]));

  /** `X-RateLimit-*` on every answer, from the emulator's token bucket. */
  const setRateHeaders = (res: Response) => {
    const limit = context.bucket.limit;
    if (!limit) return;
    const usage = context.bucket.usage();
    const fullAt = context.clock.now() + usage * limit.perSeconds * 1000;
    res.set({
      'x-ratelimit-limit': String(limit.requests),
      'x-ratelimit-remaining': String(
        Math.max(0, Math.floor(limit.requests * (1 - usage))),
      ),
      'x-ratelimit-reset': String(Math.ceil(fullAt / 1000)),
    });
  };

  const router = Router();
  router.use((_req, res, next) => {
    setRateHeaders(res);
    next();
  });
  router.post('/users/track', usersTrackRoute(users, options, context));
  router.post('/users/export/ids', usersExportRoute(users));

  return {
    authenticate: brazeAuth(new Set(options.apiKeys)),
    router,
    objects: () => {
      const ids = [...new Set([...names.keys(), ...users.values()])];
      return ids.map(id => ({ id, name: names.get(id) ?? id }));
    },
    throttled(_req, res, retryAfterMs) {
      setRateHeaders(res);
      res.set(
        'x-ratelimit-retry-after',
        String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
      );
      // Wording is the emulator's: the signal is the 429 and its headers.
      sendBrazeError(res, 429, 'API rate limit reached. Please retry later.');
    },
    serverError(_req, res, random) {
      if (random() < 0.5) {
        sendBrazeError(res, 500, 'Internal Server Error');
      } else {
        sendBrazeError(res, 503, 'Service Unavailable');
      }
    },
    notFound(req, res) {
      sendBrazeError(res, 404, `No endpoint ${req.method} ${req.path}`);
    },
    badRequest(_req, res, message) {
      sendBrazeError(res, 400, message);
    },
    reset() {
      users.reset();
    },
  };
}
