import { Request, Response, Router } from 'express';
import { UploadKeyType } from './checkAudienceMembers';
import {
  errorInfo,
  FieldViolation,
  missingField,
  sendGoogleError,
  sendInvalidArgument,
  sendPermissionDenied,
} from './googleErrors';
import { GoogleAccounts, loginAccountOf } from './googleAccounts';
import { publicList, UserListStore } from './googleUserLists';

const UPLOAD_KEY_TYPES: UploadKeyType[] = [
  'CONTACT_ID',
  'MOBILE_ID',
  'USER_ID',
  'PAIR_ID',
  'PSEUDONYMOUS_ID',
];
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

const USER_LISTS =
  /^\/v1\/accountTypes\/([A-Z_]+)\/accounts\/([^/]+)\/userLists$/;
const USER_LIST =
  /^\/v1\/accountTypes\/([A-Z_]+)\/accounts\/([^/]+)\/userLists\/([^/]+)$/;

/**
 * `userLists.list`, `.get` and `.create` under `accountTypes/GOOGLE_ADS/accounts/{id}`; an account reached
 * through a manager needs the `login-account` header naming that manager.
 */
export function userListRoutes(
  lists: UserListStore,
  accounts: GoogleAccounts,
): Router {
  const router = Router();

  router.get(USER_LISTS, (req, res) => {
    const accountId = ownAccount(req, res, accounts);
    if (!accountId) return;
    const pageSize = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Number(req.query.pageSize) || DEFAULT_PAGE_SIZE),
    );
    const start = decodePageToken(req.query.pageToken);
    const all = lists.inAccount(accountId);
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
      violations.push(missingField('user_list.display_name'));
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
          missingField('user_list.ingested_user_list_info.mobile_id_info'),
        );
      }
    }
    if (violations.length > 0) {
      sendInvalidArgument(res, violations);
      return;
    }
    const taken = lists
      .inAccount(accountId)
      .some(l => l.displayName === displayName);
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
    const list = lists.create(accountId, displayName, keyTypes[0]);
    if (typeof body.description === 'string') {
      list.description = body.description;
    }
    if (typeof body.membershipDuration === 'string') {
      list.membershipDuration = body.membershipDuration;
    }
    if (keyTypes[0] === 'MOBILE_ID') {
      list.ingestedUserListInfo.mobileIdInfo = {
        dataSourceType: 'DATA_SOURCE_TYPE_FIRST_PARTY',
        ...body.ingestedUserListInfo.mobileIdInfo,
      };
    }
    res.json(publicList(list));
  });

  return router;
}

/** The path's account when the caller may use it; otherwise answers and returns undefined. */
function ownAccount(
  req: Request,
  res: Response,
  accounts: GoogleAccounts,
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
  const loginAccountId = loginAccountOf(req.get('login-account'));
  if (loginAccountId === null) {
    sendInvalidArgument(res, [
      {
        field: 'login-account',
        description:
          'The login-account header must be of the form accountTypes/GOOGLE_ADS/accounts/{accountId}.',
        reason: 'INVALID_ARGUMENT',
      },
    ]);
    return undefined;
  }
  if (!accounts.reachable(accountId, loginAccountId)) {
    sendPermissionDenied(res, `account ${accountId}`);
    return undefined;
  }
  return accountId;
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
