import { Request, Response, Router } from 'express';
import { EmulatorContext, VendorApi } from '../framework/VendorApi';
import { checkFacebookRows } from './checkFacebookRows';
import { facebookAuth } from './facebookAuth';
import {
  invalidParameter,
  sendGraphError,
  unsupportedRequest,
} from './facebookErrors';
import { readFacebookPayload } from './readFacebookPayload';
import { readUploadSession, UploadSessions } from './UploadSessions';

/** "Only a maximum of 10000 at a time". */
export const FACEBOOK_MAX_USERS_PER_REQUEST = 10_000;

const CUSTOMER_FILE_SOURCES = [
  'USER_PROVIDED_ONLY',
  'PARTNER_PROVIDED_ONLY',
  'BOTH_USER_AND_PARTNER_PROVIDED',
];
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 500;

/** Custom Audience subtypes; only CUSTOM (customer lists) takes uploaded users. */
export type FacebookAudienceSubtype =
  | 'CUSTOM'
  | 'WEBSITE'
  | 'APP'
  | 'OFFLINE_CONVERSION'
  | 'ENGAGEMENT'
  | 'LOOKALIKE'
  | 'VIDEO'
  | 'LEAD_AD';

/** An audience that exists from the start: a customer list of the account unless said otherwise. */
export interface FacebookAudienceSeed {
  id: string;
  name: string;
  /** Default CUSTOM. */
  subtype?: FacebookAudienceSubtype;
  /** Shared from another business: listed, but the account may not edit it. */
  shared?: boolean;
}

export interface FacebookAudience {
  id: string;
  name: string;
  description?: string;
  subtype: FacebookAudienceSubtype;
  customer_file_source?: string;
  permission_for_actions: { can_edit: boolean };
  time_created: number;
}

export interface FacebookApiOptions {
  adAccountId: string;
  accessTokens: string[];
  expiredTokens: string[];
  appSecret?: string;
  audiences: FacebookAudienceSeed[];
  throttleCode: 80003 | 17;
  throttleStatus: 400 | 429;
}

const VERSION = '(v\\d+\\.\\d+)';
const ACCOUNT_AUDIENCES = new RegExp(
  `^/${VERSION}/act_(\\d+)/customaudiences/?$`,
);
const AUDIENCE_USERS = new RegExp(`^/${VERSION}/(\\d+)/users/?$`);

/** The Custom Audiences part of the Marketing API for one ad account. */
export function facebookApi(
  options: FacebookApiOptions,
  context: EmulatorContext,
): VendorApi {
  const audiences = new Map<string, FacebookAudience>();
  let nextId = 0;
  let nextSession = 0;
  const sessions = new UploadSessions();
  const seed = () => {
    audiences.clear();
    for (const a of options.audiences) {
      const audience = newAudience(a.id, a.name, context);
      audience.subtype = a.subtype ?? 'CUSTOM';
      if (audience.subtype !== 'CUSTOM') delete audience.customer_file_source;
      audience.permission_for_actions.can_edit = !a.shared;
      audiences.set(a.id, audience);
    }
    sessions.clear();
  };
  seed();

  /** `X-Business-Use-Case-Usage`: the ad account's custom_audience usage, on every answer. */
  const setUsage = (res: Response, regainMinutes: number) => {
    const percent = Math.min(100, Math.round(context.bucket.usage() * 100));
    res.set(
      'x-business-use-case-usage',
      JSON.stringify({
        [options.adAccountId]: [
          {
            type: 'custom_audience',
            call_count: regainMinutes > 0 ? 100 : percent,
            total_cputime: Math.round(percent / 4),
            total_time: Math.round(percent / 2),
            estimated_time_to_regain_access: regainMinutes,
          },
        ],
      }),
    );
  };

  const router = Router();
  router.use((_req, res, next) => {
    setUsage(res, 0);
    next();
  });

  router.get(ACCOUNT_AUDIENCES, (req, res) => {
    if (!isOwnAccount(req, res, options.adAccountId)) return;
    const limit = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Number(req.query.limit) || DEFAULT_PAGE_SIZE),
    );
    const start = decodeCursor(req.query.after);
    const all = [...audiences.values()];
    const page = all.slice(start, start + limit);
    const fields = String(req.query.fields ?? 'id')
      .split(',')
      .map(f => f.trim());
    const body: Record<string, unknown> = {
      data: page.map(a => pickFields(a, fields, context)),
    };
    if (page.length > 0) {
      const after = encodeCursor(start + page.length);
      const paging: Record<string, unknown> = {
        cursors: { before: encodeCursor(start), after },
      };
      if (start + page.length < all.length) {
        const next = new URL(req.originalUrl, `http://${req.get('host')}`);
        next.searchParams.set('after', after);
        paging.next = next.toString();
      }
      body.paging = paging;
    }
    res.json(body);
  });

  router.post(ACCOUNT_AUDIENCES, (req, res) => {
    if (!isOwnAccount(req, res, options.adAccountId)) return;
    const { name, subtype, description } = req.body ?? {};
    const source = req.body?.customer_file_source;
    if (typeof name !== 'string' || name.trim() === '') {
      invalidParameter(res, 'The parameter name is required');
      return;
    }
    if (subtype !== undefined && subtype !== 'CUSTOM') {
      invalidParameter(
        res,
        `Param subtype must be CUSTOM for customer-list audiences (got ${subtype})`,
      );
      return;
    }
    if (!CUSTOMER_FILE_SOURCES.includes(source)) {
      invalidParameter(
        res,
        `Param customer_file_source must be one of {${CUSTOMER_FILE_SOURCES.join(
          ', ',
        )}}`,
      );
      return;
    }
    nextId += 1;
    const id = `238500000${String(nextId).padStart(8, '0')}`;
    const audience = newAudience(id, name, context);
    audience.customer_file_source = source;
    if (typeof description === 'string') audience.description = description;
    audiences.set(id, audience);
    res.json({ id });
  });

  const changeUsers =
    (change: 'add' | 'remove') => (req: Request, res: Response) => {
      const audienceId = req.params[1];
      const audience = audiences.get(audienceId);
      if (!audience) {
        unsupportedRequest(res, req.method, audienceId);
        return;
      }
      if (!audience.permission_for_actions.can_edit) {
        sendGraphError(res, {
          message: `(#200) The ad account may not edit audience ${audienceId}: it was shared by another business`,
          code: 200,
        });
        return;
      }
      if (audience.subtype !== 'CUSTOM') {
        invalidParameter(
          res,
          `Users can only be added to or removed from customer list audiences (subtype CUSTOM); audience ${audienceId} is ${audience.subtype}`,
        );
        return;
      }
      const read = readFacebookPayload(req);
      if (!read.ok) {
        invalidParameter(res, read.message);
        return;
      }
      const session = readUploadSession(req);
      if (!session.ok) {
        invalidParameter(res, session.message);
        return;
      }
      if (read.payload.data.length > FACEBOOK_MAX_USERS_PER_REQUEST) {
        context.stats.count('rejectedByLimit');
        sendGraphError(res, {
          message:
            '(#105) The number of parameters exceeded the maximum for this operation',
          code: 105,
        });
        return;
      }
      if (session.session) {
        const refused = sessions.receive(
          `${audienceId}:${change}`,
          session.session,
        );
        if (refused) {
          invalidParameter(res, refused);
          return;
        }
      }
      const checked = checkFacebookRows(read.payload);
      context.ledger.accept(audienceId, change, checked.valid.flat());
      nextSession += 1;
      res.json({
        audience_id: audienceId,
        session_id: session.session
          ? String(session.session.session_id)
          : String(9_000_000_000 + nextSession),
        num_received: read.payload.data.length,
        num_invalid_entries: checked.invalidCount,
        invalid_entry_samples: checked.invalidSamples,
      });
    };
  router.post(AUDIENCE_USERS, changeUsers('add'));
  router.delete(AUDIENCE_USERS, changeUsers('remove'));

  return {
    authenticate: facebookAuth({
      accessTokens: new Set(options.accessTokens),
      expiredTokens: new Set(options.expiredTokens),
      appSecret: options.appSecret,
    }),
    router,
    objects: () =>
      [...audiences.values()].map(a => ({ id: a.id, name: a.name })),
    throttled(_req, res, retryAfterMs) {
      // Meta reports the wait in whole minutes.
      setUsage(res, Math.max(1, Math.ceil(retryAfterMs / 60_000)));
      sendGraphError(
        res,
        options.throttleCode === 17
          ? {
              message: '(#17) User request limit reached',
              code: 17,
              error_subcode: 2446079,
              is_transient: true,
            }
          : {
              message:
                '(#80003) There have been too many calls to this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
              code: 80003,
              is_transient: true,
            },
        options.throttleStatus,
      );
    },
    serverError(_req, res, random) {
      sendGraphError(
        res,
        random() < 0.5
          ? {
              message:
                'An unexpected error has occurred. Please retry your request later.',
              code: 2,
              is_transient: true,
            }
          : { message: 'An unknown error has occurred.', code: 1 },
        500,
      );
    },
    notFound(req, res) {
      sendGraphError(res, {
        message: `Unknown path components: ${req.path}`,
        code: 2500,
      });
    },
    badRequest(_req, res, message) {
      invalidParameter(res, message);
    },
    reset() {
      nextId = 0;
      nextSession = 0;
      seed();
    },
  };
}

function newAudience(
  id: string,
  name: string,
  context: EmulatorContext,
): FacebookAudience {
  return {
    id,
    name,
    subtype: 'CUSTOM',
    customer_file_source: 'USER_PROVIDED_ONLY',
    permission_for_actions: { can_edit: true },
    time_created: Math.floor(context.clock.now() / 1000),
  };
}

function isOwnAccount(req: Request, res: Response, adAccountId: string) {
  if (req.params[1] === adAccountId) return true;
  unsupportedRequest(res, req.method, `act_${req.params[1]}`);
  return false;
}

function pickFields(
  audience: FacebookAudience,
  fields: string[],
  context: EmulatorContext,
): Record<string, unknown> {
  const size = context.ledger.members(audience.id).length;
  const readable: Record<string, unknown> = {
    ...audience,
    approximate_count_lower_bound: size,
    approximate_count_upper_bound: size,
  };
  return Object.fromEntries(
    ['id', ...fields].filter(f => f in readable).map(f => [f, readable[f]]),
  );
}

function encodeCursor(index: number): string {
  return Buffer.from(String(index)).toString('base64url');
}

function decodeCursor(value: unknown): number {
  if (typeof value !== 'string') return 0;
  const index = Number(Buffer.from(value, 'base64url').toString('utf8'));
  return Number.isInteger(index) && index >= 0 ? index : 0;
}
