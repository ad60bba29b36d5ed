import { randomUUID } from 'node:crypto';
import { Request, Response, Router } from 'express';
import { EmulatorContext, VendorApi } from '../framework/VendorApi';
import {
  checkAudienceMembers,
  GOOGLE_MAX_MEMBERS_PER_REQUEST,
  UploadKeyType,
} from './checkAudienceMembers';
import { googleAuth } from './googleAuth';
import {
  durationOf,
  errorInfo,
  FieldViolation,
  sendGoogleError,
  sendInvalidArgument,
  sendPermissionDenied,
} from './googleErrors';

const MAX_DESTINATIONS = 10;
const UPLOAD_KEY_TYPES: UploadKeyType[] = [
  'CONTACT_ID',
  'MOBILE_ID',
  'USER_ID',
  'PAIR_ID',
  'PSEUDONYMOUS_ID',
];
const CONSENT = [
  'CONSENT_STATUS_UNSPECIFIED',
  'CONSENT_GRANTED',
  'CONSENT_DENIED',
];
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
/** 540 days, Customer Match's longest membership. */
const DEFAULT_MEMBERSHIP_DURATION = '46656000s';

const MEMBERS = /^\/v1\/audienceMembers:(ingest|remove)$/;
const USER_LISTS =
  /^\/v1\/accountTypes\/([A-Z_]+)\/accounts\/([^/]+)\/userLists$/;
const USER_LIST =
  /^\/v1\/accountTypes\/([A-Z_]+)\/accounts\/([^/]+)\/userLists\/([^/]+)$/;

export interface GoogleUserList {
  name: string;
  id: string;
  displayName: string;
  description?: string;
  membershipStatus: 'OPEN';
  membershipDuration: string;
  ingestedUserListInfo: {
    uploadKeyTypes: UploadKeyType[];
    contactIdInfo?: { dataSourceType: string };
    mobileIdInfo?: { dataSourceType: string; keySpace: string; appId: string };
  };
}

export interface SeedUserList {
  accountId: string;
  id: string;
  displayName: string;
  uploadKeyType: UploadKeyType;
}

export interface GoogleApiOptions {
  accessTokens: string[];
  accountIds: string[];
  userLists: SeedUserList[];
}

/** The Data Manager API's audience members and user lists (§2.1) for Google Ads operating accounts. */
export function googleApi(
  options: GoogleApiOptions,
  context: EmulatorContext,
): VendorApi {
  const accounts = new Set(options.accountIds);
  const lists = new Map<string, GoogleUserList & { accountId: string }>();
  let nextId = 0;
  const seed = () => {
    lists.clear();
    for (const l of options.userLists) {
      lists.set(l.id, {
        ...newList(l.accountId, l.id, l.displayName, l.uploadKeyType),
        accountId: l.accountId,
      });
    }
  };
  seed();

  const router = Router();

  router.post(MEMBERS, (req, res) => {
    const ingest = req.params[0] === 'ingest';
    const body = req.body ?? {};
    const violations: FieldViolation[] = [];

    const destinations: unknown[] = Array.isArray(body.destinations)
      ? body.destinations
      : [];
    if (destinations.length === 0) violations.push(missing('destinations'));
    if (destinations.length > MAX_DESTINATIONS) {
      violations.push({
        field: 'destinations',
        description:
          'Maximum number of destinations allowed per request is 10.',
        reason: 'TOO_MANY_DESTINATIONS',
      });
    }
    const targets: Array<GoogleUserList & { accountId: string }> = [];
    for (const [i, destination] of destinations.entries()) {
      const d = destination as Record<string, any>;
      const accountId = d?.operatingAccount?.accountId;
      if (typeof accountId !== 'string' || accountId === '') {
        violations.push(
          missing(`destinations[${i}].operating_account.account_id`),
        );
        continue;
      }
      if (d.operatingAccount.accountType !== 'GOOGLE_ADS') {
        violations.push({
          field: `destinations[${i}].operating_account.account_type`,
          description: 'Enum value cannot be used.',
          reason: 'INVALID_ENUM_VALUE',
        });
        continue;
      }
      if (!accounts.has(accountId)) {
        sendPermissionDenied(res, `account ${accountId}`);
        return;
      }
      const list = lists.get(String(d.productDestinationId ?? ''));
      if (!list || list.accountId !== accountId) {
        violations.push({
          field: `destinations[${i}].product_destination_id`,
          description: 'The user list is not valid.',
          reason: 'INVALID_USER_LIST_ID',
        });
        continue;
      }
      targets.push(list);
    }

    const members: unknown[] = Array.isArray(body.audienceMembers)
      ? body.audienceMembers
      : [];
    if (members.length === 0) violations.push(missing('audience_members'));
    if (members.length > GOOGLE_MAX_MEMBERS_PER_REQUEST) {
      context.stats.count('rejectedByLimit');
      sendInvalidArgument(res, [
        {
          field: 'audience_members',
          description:
            'Maximum number of audience members allowed per request is 10,000.',
          reason: 'TOO_MANY_AUDIENCE_MEMBERS',
        },
      ]);
      return;
    }
    if (
      ingest &&
      body.termsOfService?.customerMatchTermsOfServiceStatus !== 'ACCEPTED'
    ) {
      violations.push({
        field: 'terms_of_service',
        description: 'Required terms and conditions are not accepted.',
        reason: 'TERMS_AND_CONDITIONS_NOT_SIGNED',
      });
    }
    if (ingest) {
      for (const key of ['adUserData', 'adPersonalization']) {
        const value = body.consent?.[key];
        if (value !== undefined && !CONSENT.includes(value)) {
          violations.push({
            field: `consent.${
              key === 'adUserData' ? 'ad_user_data' : 'ad_personalization'
            }`,
            description: 'Enum value cannot be used.',
            reason: 'INVALID_ENUM_VALUE',
          });
        }
      }
    }
    const usesHashes = members.some(
      m => typeof (m as Record<string, unknown>)?.userData === 'object',
    );
    const encoding = body.encoding;
    if (usesHashes && encoding !== 'HEX' && encoding !== 'BASE64') {
      violations.push(
        encoding === undefined
          ? missing('encoding')
          : {
              field: 'encoding',
              description: 'Enum value cannot be used.',
              reason: 'INVALID_ENUM_VALUE',
            },
      );
    }
    const checked = checkAudienceMembers(
      members,
      encoding === 'BASE64' ? 'BASE64' : 'HEX',
      targets.flatMap(t => t.ingestedUserListInfo.uploadKeyTypes),
    );
    violations.push(...checked.violations);
    if (violations.length > 0) {
      sendInvalidArgument(res, violations);
      return;
    }
    for (const list of targets) {
      context.ledger.accept(
        list.id,
        ingest ? 'add' : 'remove',
        checked.identifiers.flat(),
      );
    }
    res.json({ requestId: randomUUID() });
  });

  router.get(USER_LISTS, (req, res) => {
    const accountId = ownAccount(req, res, accounts);
    if (!accountId) return;
    const pageSize = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Number(req.query.pageSize) || DEFAULT_PAGE_SIZE),
    );
    const start = decodePageToken(req.query.pageToken);
    const all = [...lists.values()].filter(l => l.accountId === accountId);
    const page = all.slice(start, start + pageSize);
    res.json({
      userLists: page.map(publicList),
      ...(start + pageSize < all.length
        ? { nextPageToken: encodePageToken(start + pageSize) }
        : {}),
    });
  });

  router.get(USER_LIST, (req, res) => {
    const accountId = ownAccount(req, res, accounts);
    if (!accountId) return;
    const list = lists.get(req.params[2]);
    if (!list || list.accountId !== accountId) {
      sendGoogleError(res, 404, 'NOT_FOUND', 'Resource not found.', [
        errorInfo('NOT_FOUND'),
      ]);
      return;
    }
    res.json(publicList(list));
  });

  router.post(USER_LISTS, (req, res) => {
    const accountId = ownAccount(req, res, accounts);
    if (!accountId) return;
    const body = req.body ?? {};
    const violations: FieldViolation[] = [];
    const displayName = body.displayName;
    if (typeof displayName !== 'string' || displayName.trim() === '') {
      violations.push(missing('user_list.display_name'));
    }
    const keyTypes = body.ingestedUserListInfo?.uploadKeyTypes;
    if (
      !Array.isArray(keyTypes) ||
      keyTypes.length !== 1 ||
      !UPLOAD_KEY_TYPES.includes(keyTypes[0])
    ) {
      violations.push({
        field: 'user_list.ingested_user_list_info.upload_key_types',
        description: `Exactly one upload key type is required: ${UPLOAD_KEY_TYPES.join(
          ', ',
        )}.`,
        reason: 'INVALID_ENUM_VALUE',
      });
    } else if (keyTypes[0] === 'MOBILE_ID') {
      const info = body.ingestedUserListInfo.mobileIdInfo;
      if (!info?.appId || !['IOS', 'ANDROID'].includes(info?.keySpace)) {
        violations.push(
          missing('user_list.ingested_user_list_info.mobile_id_info'),
        );
      }
    }
    if (violations.length > 0) {
      sendInvalidArgument(res, violations);
      return;
    }
    const taken = [...lists.values()].some(
      l => l.accountId === accountId && l.displayName === displayName,
    );
    if (taken) {
      sendGoogleError(
        res,
        409,
        'ALREADY_EXISTS',
        `A user list named '${displayName}' already exists.`,
        [errorInfo('ALREADY_EXISTS')],
      );
      return;
    }
    nextId += 1;
    const id = `90000${String(nextId).padStart(5, '0')}`;
    const list = newList(accountId, id, displayName, keyTypes[0]);
    if (typeof body.description === 'string')
      list.description = body.description;
    if (typeof body.membershipDuration === 'string') {
      list.membershipDuration = body.membershipDuration;
    }
    if (keyTypes[0] === 'MOBILE_ID') {
      list.ingestedUserListInfo.mobileIdInfo = {
        dataSourceType: 'DATA_SOURCE_TYPE_FIRST_PARTY',
        ...body.ingestedUserListInfo.mobileIdInfo,
      };
    }
    lists.set(id, { ...list, accountId });
    res.json(list);
  });

  return {
    authenticate: googleAuth(new Set(options.accessTokens)),
    router,
    objects: () =>
      [...lists.values()].map(l => ({ id: l.id, name: l.displayName })),
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
        // Borrowed from the Ads API (§2.2): another request changed the list at the same moment.
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
    reset() {
      nextId = 0;
      seed();
    },
  };
}

function newList(
  accountId: string,
  id: string,
  displayName: string,
  uploadKeyType: UploadKeyType,
): GoogleUserList {
  return {
    name: `accountTypes/GOOGLE_ADS/accounts/${accountId}/userLists/${id}`,
    id,
    displayName,
    membershipStatus: 'OPEN',
    membershipDuration: DEFAULT_MEMBERSHIP_DURATION,
    ingestedUserListInfo: {
      uploadKeyTypes: [uploadKeyType],
      ...(uploadKeyType === 'CONTACT_ID'
        ? { contactIdInfo: { dataSourceType: 'DATA_SOURCE_TYPE_FIRST_PARTY' } }
        : {}),
    },
  };
}

function publicList(
  list: GoogleUserList & { accountId: string },
): GoogleUserList {
  const { accountId: _accountId, ...rest } = list;
  return rest;
}

/** The path's account when the caller may use it; otherwise answers and returns undefined. */
function ownAccount(
  req: Request,
  res: Response,
  accounts: ReadonlySet<string>,
): string | undefined {
  const [accountType, accountId] = [req.params[0], req.params[1]];
  if (accountType !== 'GOOGLE_ADS') {
    sendInvalidArgument(res, [
      {
        field: 'parent',
        description: 'Enum value cannot be used.',
        reason: 'INVALID_ENUM_VALUE',
      },
    ]);
    return undefined;
  }
  if (!accounts.has(accountId)) {
    sendPermissionDenied(res, `account ${accountId}`);
    return undefined;
  }
  return accountId;
}

function missing(field: string): FieldViolation {
  return {
    field,
    description: 'Required field is missing.',
    reason: 'REQUIRED_FIELD_MISSING',
  };
}

function encodePageToken(index: number): string {
  return Buffer.from(`offset:${index}`).toString('base64url');
}

function decodePageToken(value: unknown): number {
  if (typeof value !== 'string') return 0;
  const match = /^offset:(\d+)$/.exec(
    Buffer.from(value, 'base64url').toString('utf8'),
  );
  return match ? Number(match[1]) : 0;
}
