import { RequestHandler } from 'express';
import { EmulatorContext } from '../framework/VendorApi';
import {
  checkAudienceMembers,
  GOOGLE_MAX_MEMBERS_PER_REQUEST,
} from './checkAudienceMembers';
import {
  FieldViolation,
  missingField,
  sendInvalidArgument,
  sendPermissionDenied,
} from './googleErrors';
import { GoogleAccounts } from './googleAccounts';
import { StoredUserList, UserListStore } from './googleUserLists';
import { ProcessedRequests } from './ProcessedRequests';

const MAX_DESTINATIONS = 10;
const CONSENT = [
  'CONSENT_STATUS_UNSPECIFIED',
  'CONSENT_GRANTED',
  'CONSENT_DENIED',
];

/** What the route shares with the rest of the emulated API. */
export interface AudienceMembersState {
  lists: UserListStore;
  accounts: GoogleAccounts;
  requests: ProcessedRequests;
  /** Identifiers (as kept: lowercase hex for hashes) whose records fail processing, with Google's reason. */
  processingErrors: Record<string, string>;
}

/**
 * `audienceMembers:ingest` and `:remove`: validates the whole request, failing it with every
 * violation found (Data Manager has no partial success at this stage), else accepts it for processing:
 * `requestStatus:retrieve` then reports, per destination, the records that failed processing (those
 * holding an identifier of `processingErrors`), and only the others reach the lists.
 */
export function audienceMembersRoute(
  state: AudienceMembersState,
  context: EmulatorContext,
): RequestHandler {
  const { lists, accounts, requests, processingErrors } = state;
  return (req, res) => {
    const ingest = req.params[0] === 'ingest';
    const body = req.body ?? {};
    const violations: FieldViolation[] = [];

    const destinations: unknown[] = Array.isArray(body.destinations)
      ? body.destinations
      : [];
    if (destinations.length === 0)
      violations.push(missingField('destinations'));
    if (destinations.length > MAX_DESTINATIONS) {
      violations.push({
        field: 'destinations',
        description:
          'Maximum number of destinations allowed per request is 10.',
        reason: 'TOO_MANY_DESTINATIONS',
      });
    }
    const targets: StoredUserList[] = [];
    for (const [i, destination] of destinations.entries()) {
      const d = destination as Record<string, any>;
      const accountId = d?.operatingAccount?.accountId;
      if (typeof accountId !== 'string' || accountId === '') {
        violations.push(
          missingField(`destinations[${i}].operating_account.account_id`),
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
      const loginAccountId = d.loginAccount?.accountId;
      if (!accounts.reachable(accountId, loginAccountId)) {
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
    if (members.length === 0) violations.push(missingField('audience_members'));
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
      violations.push(...consentViolations(body.consent, 'consent'));
      members.forEach((member, i) => {
        violations.push(
          ...consentViolations(
            (member as Record<string, unknown>)?.consent,
            `audience_members[${i}].consent`,
          ),
        );
      });
    }
    const usesHashes = members.some(
      m => typeof (m as Record<string, unknown>)?.userData === 'object',
    );
    const encoding = body.encoding;
    if (usesHashes && encoding !== 'HEX' && encoding !== 'BASE64') {
      violations.push(
        encoding === undefined
          ? missingField('encoding')
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
    const failures: Record<string, number> = {};
    const processed = checked.identifiers.filter(identifiers => {
      const reason = identifiers
        .map(identifier => processingErrors[identifier])
        .find(Boolean);
      if (reason) failures[reason] = (failures[reason] ?? 0) + 1;
      return !reason;
    });
    for (const list of targets) {
      context.ledger.accept(
        list.id,
        ingest ? 'add' : 'remove',
        processed.flat(),
      );
    }
    const requestId = requests.accept(
      ingest ? 'ingest' : 'remove',
      destinations.map(destination => ({
        destination,
        recordCount: members.length,
        userIdentifierCount: checked.identifiers.flat().length,
        failures,
      })),
    );
    res.json({ requestId });
  };
}

/** INVALID_ENUM_VALUE for each consent field that is set to something else than a ConsentStatus. */
function consentViolations(consent: unknown, at: string): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const key of ['adUserData', 'adPersonalization']) {
    const value = (consent as Record<string, unknown> | undefined)?.[key];
    if (value !== undefined && !CONSENT.includes(value as string)) {
      violations.push({
        field: `${at}.${
          key === 'adUserData' ? 'ad_user_data' : 'ad_personalization'
        }`,
        description: 'Enum value cannot be used.',
        reason: 'INVALID_ENUM_VALUE',
      });
    }
  }
  return violations;
}
