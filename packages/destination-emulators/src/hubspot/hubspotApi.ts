import { randomUUID } from 'node:crypto';
import { Request, RequestHandler, Response, Router } from 'express';
import { TokenIssuer } from '../framework/TokenIssuer';
import { EmulatorContext, VendorApi } from '../framework/VendorApi';
import { hubspotAuth, HubSpotOAuthApp } from './hubspotAuth';
import {
  hubSpotErrorBody,
  HubSpotError,
  sendHubSpotError,
  validationError,
} from './hubspotErrors';
import {
  CONTACTS_OBJECT_TYPE,
  HubSpotList,
  HubSpotPortal,
  ProcessingType,
  PROCESSING_TYPES,
  SeedHubSpotContact,
  SeedHubSpotList,
} from './HubSpotPortal';
import { propertyView, SeedHubSpotProperty } from './hubspotProperties';
import { membershipPage } from './membershipPage';

/** "Batch limit: 100 inputs per CRM batch call". */
export const HUBSPOT_MAX_BATCH_INPUTS = 100;

export type AddedKeySpelling = 'recordsIdsAdded' | 'recordIdsAdded';

export interface HubSpotApiOptions {
  accessTokens: string[];
  oauthApps: HubSpotOAuthApp[];
  tokenLifetimeSeconds: number;
  /** Tokens granted only these scopes; other tokens have every scope. */
  tokenScopes: Record<string, string[]>;
  lists: SeedHubSpotList[];
  contacts: SeedHubSpotContact[];
  customProperties: SeedHubSpotProperty[];
  addedKeySpelling: AddedKeySpelling;
  maxMembershipIds: number;
}

/** Both path families: the legacy `/crm/v3/…` and the date-versioned `/crm/lists/2026-03/…`. */
const LISTS = '/crm/(?:v3/lists|lists/20\\d\\d-\\d\\d)';
const CONTACTS = '/crm/(?:v3/objects|objects/20\\d\\d-\\d\\d)/contacts';
const PROPERTIES = '/crm/(?:v3/properties|properties/20\\d\\d-\\d\\d)/contacts';
const route = (path: string) => new RegExp(`^${path}/?$`);

const SCOPES = {
  listsRead: 'crm.lists.read',
  listsWrite: 'crm.lists.write',
  contactsRead: 'crm.objects.contacts.read',
  contactsWrite: 'crm.objects.contacts.write',
};

/**
 * The Lists and Contacts APIs of one HubSpot portal: MANUAL/SNAPSHOT/DYNAMIC contact lists (create,
 * get, find by name, search), membership add/remove by record id, contact batch upsert and read by email
 * (≤ 100 inputs, 207 Multi-Status for partial failures), and the contact property definitions.
 */
export function hubspotApi(
  options: HubSpotApiOptions,
  context: EmulatorContext,
): VendorApi {
  const tokens = TokenIssuer.create({
    clock: context.clock,
    stats: context.stats,
    lifetimeSeconds: options.tokenLifetimeSeconds,
    prefix: 'CKemu',
    fixedTokens: options.accessTokens,
  });
  const portal = HubSpotPortal.create({
    lists: options.lists,
    contacts: options.contacts,
    customProperties: options.customProperties,
    now: () => context.clock.now(),
  });

  /** Keeps the ledger (what `members()` reads back) equal to the lists' member emails. */
  const syncLedger = (list: HubSpotList) => {
    const now = new Set(portal.memberEmails(list.listId));
    const before = context.ledger.members(list.listId);
    context.ledger.accept(
      list.listId,
      'remove',
      before.filter(e => !now.has(e)),
    );
    context.ledger.accept(
      list.listId,
      'add',
      [...now].filter(e => !context.ledger.has(list.listId, e)),
    );
  };

  const scope =
    (required: string): RequestHandler =>
    (req, res, next) => {
      const token = bearerOf(req);
      const granted = token ? options.tokenScopes[token] : undefined;
      if (!granted || granted.includes(required)) {
        next();
        return;
      }
      sendHubSpotError(res, 403, {
        message:
          "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        category: 'MISSING_SCOPES',
        errors: [
          {
            message: 'One or more of the following scopes are required.',
            context: { requiredGranularScopes: [required] },
          },
        ],
      });
    };

  const router = Router();
  router.use((_req, res, next) => {
    rateLimitHeaders(res, context);
    next();
  });

  router.post(route(LISTS), scope(SCOPES.listsWrite), (req, res) => {
    const { name, objectTypeId, processingType } = req.body ?? {};
    if (typeof name !== 'string' || name.trim() === '') {
      validationError(res, 'name: a list name is required');
      return;
    }
    if (objectTypeId !== CONTACTS_OBJECT_TYPE) {
      validationError(
        res,
        `objectTypeId: '${objectTypeId}' is not supported (the emulator keeps contact lists, 0-1)`,
      );
      return;
    }
    if (!PROCESSING_TYPES.includes(processingType)) {
      validationError(
        res,
        `processingType: must be one of ${PROCESSING_TYPES.join(', ')}`,
      );
      return;
    }
    if (processingType === 'DYNAMIC' && !req.body.filterBranch) {
      validationError(res, 'filterBranch: DYNAMIC lists need filters');
      return;
    }
    if (portal.listByName(name)) {
      sendHubSpotError(res, 400, {
        message: `A list named '${name}' already exists.`,
        category: 'VALIDATION_ERROR',
        subCategory: 'ILS.DUPLICATE_LIST_NAMES',
      });
      return;
    }
    const list = portal.createList(name, processingType as ProcessingType);
    res.json({ list: listView(list) });
  });

  router.post(route(`${LISTS}/search`), scope(SCOPES.listsRead), (req, res) => {
    const body = req.body ?? {};
    const query =
      typeof body.query === 'string' ? body.query.toLowerCase() : '';
    const types: unknown[] = Array.isArray(body.processingTypes)
      ? body.processingTypes
      : [];
    const count = Math.min(500, Math.max(1, Number(body.count) || 20));
    const offset = Math.max(0, Number(body.offset) || 0);
    const matching = portal
      .lists()
      .filter(l => l.name.toLowerCase().includes(query))
      .filter(l => types.length === 0 || types.includes(l.processingType));
    const page = matching.slice(offset, offset + count);
    res.json({
      lists: page.map(listView),
      hasMore: offset + page.length < matching.length,
      offset: offset + page.length,
      total: matching.length,
    });
  });

  router.get(
    new RegExp(`^${LISTS}/object-type-id/([^/]+)/name/([^/]+)/?$`),
    scope(SCOPES.listsRead),
    (req, res) => {
      const list = portal.listByName(decodeURIComponent(req.params[1]));
      if (!list || list.objectTypeId !== req.params[0]) {
        listNotFound(res, decodeURIComponent(req.params[1]));
        return;
      }
      res.json({ list: listView(list) });
    },
  );

  router.get(
    new RegExp(`^${LISTS}/(\\d+)/?$`),
    scope(SCOPES.listsRead),
    (req, res) => {
      const list = portal.list(req.params[0]);
      if (!list) {
        listNotFound(res, req.params[0]);
        return;
      }
      res.json({ list: listView(list) });
    },
  );

  const membership =
    (operation: 'add' | 'remove' | 'add-and-remove') =>
    (req: Request, res: Response) => {
      const list = portal.list(req.params[0]);
      if (!list) {
        listNotFound(res, req.params[0]);
        return;
      }
      const { toAdd, toRemove } = membershipIds(operation, req.body);
      if (!isIdList(toAdd) || !isIdList(toRemove)) {
        validationError(
          res,
          operation === 'add-and-remove'
            ? 'The body must be { recordIdsToAdd: [...], recordIdsToRemove: [...] } of record ids'
            : 'The body must be a JSON array of record ids',
        );
        return;
      }
      if (toAdd.length + toRemove.length > options.maxMembershipIds) {
        context.stats.count('rejectedByLimit');
        validationError(
          res,
          `At most ${options.maxMembershipIds} record ids may be sent at once`,
        );
        return;
      }
      if (list.processingType === 'DYNAMIC') {
        sendHubSpotError(res, 400, {
          message: `List ${list.listId} is a DYNAMIC list: its memberships follow its filters and cannot be changed by hand`,
          category: 'VALIDATION_ERROR',
        });
        return;
      }
      const removed = portal.removeMembers(list, toRemove.map(String));
      const added = portal.addMembers(list, toAdd.map(String));
      syncLedger(list);
      const missing = [...new Set([...added.missing, ...removed.missing])];
      res.json({
        ...(missing.length > 0 ? { recordIdsMissing: missing } : {}),
        recordIdsRemoved: removed.removed,
        [options.addedKeySpelling]: added.added,
      });
    };
  router.put(
    new RegExp(`^${LISTS}/(\\d+)/memberships/add/?$`),
    scope(SCOPES.listsWrite),
    membership('add'),
  );
  router.put(
    new RegExp(`^${LISTS}/(\\d+)/memberships/remove/?$`),
    scope(SCOPES.listsWrite),
    membership('remove'),
  );
  router.put(
    new RegExp(`^${LISTS}/(\\d+)/memberships/add-and-remove/?$`),
    scope(SCOPES.listsWrite),
    membership('add-and-remove'),
  );

  router.get(
    new RegExp(`^${LISTS}/(\\d+)/memberships/?$`),
    scope(SCOPES.listsRead),
    (req, res) => {
      const list = portal.list(req.params[0]);
      if (!list) {
        listNotFound(res, req.params[0]);
        return;
      }
      const page = membershipPage(list, req.query);
      if (typeof page === 'string') {
        if (page.startsWith('limit')) context.stats.count('rejectedByLimit');
        validationError(res, page);
        return;
      }
      res.json(page);
    },
  );

  router.post(
    route(`${CONTACTS}/batch/upsert`),
    scope(SCOPES.contactsWrite),
    (req, res) => {
      const inputs = batchInputs(req, res);
      if (!inputs) return;
      const startedAt = new Date(context.clock.now()).toISOString();
      const results: Array<
        ReturnType<HubSpotPortal['view']> & {
          new: boolean;
          objectWriteTraceId?: string;
        }
      > = [];
      const errors: Array<ReturnType<typeof hubSpotErrorBody>> = [];
      const emails = new Set<string>();
      for (const input of inputs) {
        const id =
          typeof input?.id === 'string' ? input.id.trim().toLowerCase() : '';
        const properties: Record<string, unknown> =
          input?.properties && typeof input.properties === 'object'
            ? input.properties
            : {};
        const named = errorContext(input);
        if (emails.has(id)) {
          validationError(
            res,
            `Duplicate IDs found in batch input: [${id}]. IDs must be unique`,
          );
          return;
        }
        emails.add(id);
        if (input?.idProperty !== 'email') {
          errors.push(
            hubSpotErrorBody({
              message: `idProperty '${input?.idProperty}' is not a unique property of contacts (use email)`,
              category: 'VALIDATION_ERROR',
              context: named,
            }),
          );
          continue;
        }
        const problem = portal.isEmail(id)
          ? portal.checkProperties(properties)
          : ({
              kind: 'invalid-email',
              value: String(input?.id ?? ''),
            } as const);
        if (problem) {
          errors.push(hubSpotErrorBody(propertyError(problem, named)));
          continue;
        }
        const { contact, created } = portal.upsertByEmail(id, properties);
        results.push({
          ...portal.view(contact, Object.keys(properties)),
          new: created,
          ...(typeof input?.objectWriteTraceId === 'string'
            ? { objectWriteTraceId: input.objectWriteTraceId }
            : {}),
        });
      }
      for (const list of portal.lists()) syncLedger(list);
      // HubSpot does not keep the input order in batch answers: clients match results by objectWriteTraceId.
      results.sort((a, b) => Number(a.id) - Number(b.id));
      const completedAt = new Date(context.clock.now()).toISOString();
      res.status(errors.length > 0 ? 207 : 200).json({
        status: 'COMPLETE',
        results,
        ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
        startedAt,
        completedAt,
      });
    },
  );

  router.post(
    route(`${CONTACTS}/batch/read`),
    scope(SCOPES.contactsRead),
    (req, res) => {
      const inputs = batchInputs(req, res);
      if (!inputs) return;
      const byEmail = req.body.idProperty === 'email';
      if (req.body.idProperty !== undefined && !byEmail) {
        validationError(
          res,
          `idProperty '${req.body.idProperty}' is not a unique property of contacts`,
        );
        return;
      }
      const shown: string[] = Array.isArray(req.body.properties)
        ? req.body.properties
        : [];
      const startedAt = new Date(context.clock.now()).toISOString();
      const found = [];
      const missing: string[] = [];
      for (const input of inputs) {
        const id = String(input?.id ?? '');
        const contact = byEmail
          ? portal.contactByEmail(id)
          : portal.contact(id);
        if (contact) found.push(portal.view(contact, shown));
        else missing.push(id);
      }
      const completedAt = new Date(context.clock.now()).toISOString();
      res.status(missing.length > 0 ? 207 : 200).json({
        status: 'COMPLETE',
        results: found,
        ...(missing.length > 0
          ? {
              numErrors: 1,
              errors: [
                hubSpotErrorBody({
                  message:
                    'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
                  category: 'OBJECT_NOT_FOUND',
                  context: { ids: missing },
                }),
              ],
            }
          : {}),
        startedAt,
        completedAt,
      });
    },
  );

  router.get(route(PROPERTIES), scope(SCOPES.contactsRead), (_req, res) => {
    res.json({ results: portal.properties().map(propertyView) });
  });

  /** The inputs of a batch call, or undefined after answering 400. */
  function batchInputs(req: Request, res: Response): any[] | undefined {
    const inputs = req.body?.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) {
      validationError(res, 'inputs: at least one input is required');
      return undefined;
    }
    if (inputs.length > HUBSPOT_MAX_BATCH_INPUTS) {
      context.stats.count('rejectedByLimit');
      validationError(
        res,
        `The maximum number of inputs supported in a batch request is ${HUBSPOT_MAX_BATCH_INPUTS}. Please reduce the number of items and try again`,
      );
      return undefined;
    }
    return inputs;
  }

  return {
    authenticate: hubspotAuth(tokens, options.oauthApps),
    router,
    objects: () => portal.lists().map(l => ({ id: l.listId, name: l.name })),
    throttled(_req, res) {
      rateLimitHeaders(res, context, true);
      const policyName = policyOf(context);
      res.status(429).json({
        status: 'error',
        message: `You have reached your ${policyName.toLowerCase()} limit.`,
        errorType: 'RATE_LIMIT',
        correlationId: randomUUID(),
        policyName,
        groupName: 'publicapi:private-app:emulator',
      });
    },
    serverError(_req, res, random) {
      if (random() < 0.5) {
        sendHubSpotError(res, 500, {
          message: 'internal error',
          category: 'INTERNAL_ERROR',
        });
      } else {
        sendHubSpotError(res, 503, {
          message: 'Service Unavailable',
          category: 'SERVICE_UNAVAILABLE',
        });
      }
    },
    notFound(req, res) {
      sendHubSpotError(res, 404, {
        message: `No handler found for ${req.method} ${req.path}`,
        category: 'OBJECT_NOT_FOUND',
      });
    },
    badRequest(_req, res, message) {
      validationError(res, `Invalid input JSON: ${message}`);
    },
    reset() {
      portal.reset();
      tokens.reset();
      // The framework empties the ledger next; seeded lists start without members, so it stays right.
    },
  };
}

/** The ids to add and to remove in a membership body: an id array, or both lists for add-and-remove. */
function membershipIds(
  operation: 'add' | 'remove' | 'add-and-remove',
  body: any,
): { toAdd: unknown; toRemove: unknown } {
  switch (operation) {
    case 'add':
      return { toAdd: body, toRemove: [] };
    case 'remove':
      return { toAdd: [], toRemove: body };
    default:
      return {
        toAdd: body?.recordIdsToAdd ?? [],
        toRemove: body?.recordIdsToRemove ?? [],
      };
  }
}

function bearerOf(req: Request): string | undefined {
  return req.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

function isIdList(value: unknown): value is Array<string | number> {
  return (
    Array.isArray(value) &&
    value.every(
      v => (typeof v === 'string' && /^\d+$/.test(v)) || Number.isInteger(v),
    )
  );
}

function listView(list: HubSpotList) {
  return {
    listId: list.listId,
    listVersion: list.listVersion,
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingType: list.processingType,
    processingStatus: 'COMPLETE',
    createdAt: list.createdAt,
    updatedAt: list.updatedAt,
    additionalProperties: { hs_list_size: String(list.members.size) },
  };
}

function listNotFound(res: Response, what: string) {
  sendHubSpotError(res, 404, {
    message: `List does not exist: ${what}`,
    category: 'OBJECT_NOT_FOUND',
  });
}

/** Errors name their input by its `objectWriteTraceId` when it has one, else by the id it carried. */
function errorContext(input: any): Record<string, string[]> {
  return typeof input?.objectWriteTraceId === 'string'
    ? { objectWriteTraceId: [input.objectWriteTraceId] }
    : { ids: [String(input?.id ?? '')] };
}

function propertyError(
  problem: NonNullable<ReturnType<HubSpotPortal['checkProperties']>>,
  context: Record<string, string[]>,
): HubSpotError {
  switch (problem.kind) {
    case 'unknown':
      return {
        message: `Property "${problem.name}" does not exist`,
        category: 'VALIDATION_ERROR',
        subCategory: 'PROPERTY_DOESNT_EXIST',
        context: { ...context, propertyName: [problem.name] },
      };
    case 'read-only':
      return {
        message: `Property "${problem.name}" is read-only`,
        category: 'VALIDATION_ERROR',
        subCategory: 'READ_ONLY_VALUE',
        context: { ...context, propertyName: [problem.name] },
      };
    case 'invalid-value':
      return {
        message: `Property values were not valid: "${problem.value}" is not a valid ${problem.type} for "${problem.name}"`,
        category: 'VALIDATION_ERROR',
        subCategory: 'INVALID_PROPERTY_VALUE',
        context: { ...context, propertyName: [problem.name] },
      };
    default:
      return {
        message: `Property value "${problem.value}" is not a valid email`,
        category: 'VALIDATION_ERROR',
        subCategory: 'INVALID_EMAIL',
        context,
      };
  }
}

/** HubSpot's name for the window of the limit in force. */
function policyOf(context: EmulatorContext): string {
  const seconds = context.bucket.limit?.perSeconds ?? 10;
  if (seconds <= 1) return 'SECONDLY';
  if (seconds >= 86_400) return 'DAILY';
  return 'TEN_SECONDLY_ROLLING';
}

/** `X-HubSpot-RateLimit-*` on every answer: the budget, what is left, and the window. */
function rateLimitHeaders(
  res: Response,
  context: EmulatorContext,
  exhausted = false,
) {
  const limit = context.bucket.limit;
  if (!limit) return;
  const remaining = exhausted
    ? 0
    : Math.max(0, Math.floor(limit.requests * (1 - context.bucket.usage())));
  res.set({
    'x-hubspot-ratelimit-max': String(limit.requests),
    'x-hubspot-ratelimit-remaining': String(remaining),
    'x-hubspot-ratelimit-interval-milliseconds': String(
      Math.round(limit.perSeconds * 1000),
    ),
  });
}
