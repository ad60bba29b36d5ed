import { Request, Response, Router } from 'express';
import { TokenIssuer } from '../framework/TokenIssuer';
import { EmulatorContext, VendorApi } from '../framework/VendorApi';
import {
  SalesforceClientCredentials,
  salesforceAuth,
  SALESFORCE_API_VERSIONS,
} from './salesforceAuth';
import { sendSalesforceError } from './salesforceErrors';
import {
  OrgSnapshot,
  RecordError,
  SalesforceOrg,
  SalesforceOrgSeed,
  SalesforceRequestError,
  WriteResult,
} from './SalesforceOrg';
import { SObjectType, typeOfId } from './salesforceIds';
import { SeedSalesforceField } from './salesforceDescribe';
import { parseSoql, SoqlSyntaxError } from './soql';
import { queryBatchSize } from './queryBatchSize';

/** "Up to 200 records" per sObject Collections request. */
export const SALESFORCE_MAX_COLLECTION_RECORDS = 200;

export interface SalesforceApiOptions {
  accessTokens: string[];
  tokenLifetimeSeconds: number;
  clientCredentials: SalesforceClientCredentials[];
  /** The org's records; undefined while not available yet (read again at the next request). */
  org: () => SalesforceOrgSeed | undefined;
  customFields: SeedSalesforceField[];
  lockedRecordIds: string[];
  queryBatchSize: number;
}

/** sObject Collections arrived with API v42.0. */
const COLLECTIONS_SINCE = 42;
const VERSION = '/services/data/(v\\d+\\.\\d)';
const route = (path: string) => new RegExp(`^${VERSION}${path}$`);
/** Cursors of queries with more pages; the oldest are dropped beyond this many. */
const MAX_CURSORS = 200;

interface Cursor {
  records: Array<Record<string, unknown>>;
  offset: number;
  batchSize: number;
}

/**
 * The REST API of one Salesforce org: SOQL queries with paging, Campaign creation, sObject Collections
 * create/update/delete (≤ 200 records, per-record results in request order, `allOrNone`), single records,
 * `/limits`, and the client-credentials token endpoint. Membership read-back is each campaign's members.
 */
export function salesforceApi(
  options: SalesforceApiOptions,
  context: EmulatorContext,
): VendorApi {
  const org = SalesforceOrg.create({
    seed: options.org,
    customFields: options.customFields,
    lockedRecordIds: options.lockedRecordIds,
    now: () => context.clock.now(),
  });
  // A seed source with nothing yet is read again at each request until it has the records.
  let seeded = org.reset();
  const ensureSeeded = () => {
    if (!seeded) seeded = org.reset();
  };
  const tokens = TokenIssuer.create({
    clock: context.clock,
    stats: context.stats,
    lifetimeSeconds: options.tokenLifetimeSeconds,
    prefix: '00DEm0000000001!',
    fixedTokens: options.accessTokens,
  });
  const cursors = new Map<string, Cursor>();
  let nextCursor = 0;

  /** Keeps the ledger (what `members()` reads back) equal to the campaigns' members. */
  const syncLedger = () => {
    for (const { id } of org.campaigns()) {
      const now = new Set(org.memberKeys(id));
      const before = context.ledger.members(id);
      context.ledger.accept(
        id,
        'remove',
        before.filter(key => !now.has(key)),
      );
      context.ledger.accept(
        id,
        'add',
        [...now].filter(key => !context.ledger.has(id, key)),
      );
    }
  };

  /** `Sforce-Limit-Info`: the org's API usage against its daily allocation, on every answer. */
  const usageHeader = (res: Response, exhausted = false) => {
    const max = context.bucket.limit?.requests;
    if (!max) return;
    const used = exhausted
      ? max
      : Math.min(max, Math.round(context.bucket.usage() * max));
    res.set('sforce-limit-info', `api-usage=${used}/${max}`);
  };

  const router = Router();
  router.use((req, res, next) => {
    ensureSeeded();
    usageHeader(res);
    const match = /^\/services\/data\/v(\d+)\.(\d)(\/|$)/.exec(req.path);
    if (match && !SALESFORCE_API_VERSIONS.includes(`${match[1]}.${match[2]}`)) {
      notFound(res);
      return;
    }
    next();
  });

  /** One page of query results, keeping a cursor for the rest. */
  const page = (
    version: string,
    records: Array<Record<string, unknown>>,
    offset: number,
    batchSize: number,
  ) => {
    const end = offset + batchSize;
    const body: Record<string, unknown> = {
      totalSize: records.length,
      done: end >= records.length,
      records: records.slice(offset, end),
    };
    if (end < records.length) {
      nextCursor += 1;
      const locator = `01gEm${String(nextCursor).padStart(10, '0')}-${end}`;
      cursors.set(locator, { records, offset: end, batchSize });
      if (cursors.size > MAX_CURSORS) {
        cursors.delete(cursors.keys().next().value!);
      }
      body.nextRecordsUrl = `/services/data/${version}/query/${locator}`;
    }
    return body;
  };

  router.get(route('/query/?'), (req, res) => {
    const q = req.query.q;
    if (typeof q !== 'string' || q.trim() === '') {
      sendSalesforceError(
        res,
        400,
        'MALFORMED_QUERY',
        'A query string has to be specified',
      );
      return;
    }
    answer(res, () => {
      const records = org.query(
        parseSoql(q),
        `/services/data/${req.params[0]}`,
      );
      return page(
        req.params[0],
        records,
        0,
        queryBatchSize(req.get('sforce-query-options'), options.queryBatchSize),
      );
    });
  });

  router.get(route('/query/([^/]+)'), (req, res) => {
    const cursor = cursors.get(req.params[1]);
    if (!cursor) {
      sendSalesforceError(
        res,
        400,
        'INVALID_QUERY_LOCATOR',
        'invalid query locator',
      );
      return;
    }
    cursors.delete(req.params[1]);
    res.json(
      page(req.params[0], cursor.records, cursor.offset, cursor.batchSize),
    );
  });

  router.get(route('/limits/?'), (_req, res) => {
    const max = context.bucket.limit?.requests ?? 0;
    res.json({
      DailyApiRequests: {
        Max: max,
        Remaining: Math.max(0, Math.floor(max * (1 - context.bucket.usage()))),
      },
    });
  });

  router.post(route('/sobjects/([A-Za-z]+)/?'), (req, res) => {
    const type = req.params[1];
    if (!supported(res, type)) return;
    const result = org.create(type, recordBody(req.body));
    if (!result.success) {
      sendRecordError(res, result.error);
      return;
    }
    syncLedger();
    res.status(201).json({ id: result.id, success: true, errors: [] });
  });

  router.get(route('/sobjects/([A-Za-z]+)/describe/?'), (req, res) => {
    const type = req.params[1];
    if (!supported(res, type)) return;
    res.json(org.describe(type));
  });

  router.get(route('/sobjects/([A-Za-z]+)/([A-Za-z0-9]+)'), (req, res) => {
    const record = org.get(req.params[2]);
    if (!record || typeOfId(record.Id) !== req.params[1]) {
      notFound(res);
      return;
    }
    res.json({
      attributes: {
        type: req.params[1],
        url: `/services/data/${req.params[0]}/sobjects/${req.params[1]}/${record.Id}`,
      },
      ...record,
    });
  });

  router.delete(route('/sobjects/([A-Za-z]+)/([A-Za-z0-9]+)'), (req, res) => {
    const result = org.delete(req.params[2]);
    if (!result.success) {
      if (result.error.statusCode === 'INVALID_CROSS_REFERENCE_KEY')
        notFound(res);
      else sendRecordError(res, result.error);
      return;
    }
    syncLedger();
    res.status(204).end();
  });

  const collections = route('/composite/sobjects/?');

  router.post(collections, (req, res) => {
    if (!collectionsVersion(req, res)) return;
    const records = collectionRecords(req, res);
    if (!records) return;
    res.json(
      write(req.body.allOrNone === true, records, ({ type, fields }) =>
        org.create(type, fields),
      ).map(r => (r.success ? r : { ...r, id: null })),
    );
  });

  router.patch(collections, (req, res) => {
    if (!collectionsVersion(req, res)) return;
    const records = collectionRecords(req, res);
    if (!records) return;
    res.json(
      write(req.body.allOrNone === true, records, ({ type, fields }) =>
        org.update(type, fields.id ?? fields.Id, fields),
      ),
    );
  });

  router.delete(collections, (req, res) => {
    if (!collectionsVersion(req, res)) return;
    const ids = String(req.query.ids ?? '')
      .split(',')
      .map(id => id.trim())
      .filter(Boolean);
    if (ids.length === 0) {
      sendSalesforceError(
        res,
        400,
        'MISSING_ARGUMENT',
        'ids: the ids of the records to delete are required',
      );
      return;
    }
    if (ids.length > SALESFORCE_MAX_COLLECTION_RECORDS) {
      context.stats.count('rejectedByLimit');
      sendSalesforceError(
        res,
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call',
      );
      return;
    }
    const allOrNone = String(req.query.allOrNone).toLowerCase() === 'true';
    res.json(write(allOrNone, ids, id => org.delete(id)));
  });

  /**
   * Applies each item in order; with `allOrNone`, any failure rolls every change back and the other items
   * report ALL_OR_NONE_OPERATION_ROLLED_BACK. Results carry the id written (or asked for) by index.
   */
  function write<T>(
    allOrNone: boolean,
    items: T[],
    apply: (item: T) => WriteResult,
  ) {
    const before: OrgSnapshot | undefined = allOrNone
      ? org.snapshot()
      : undefined;
    const results = items.map((item, index) => {
      const result = apply(item);
      const asked = typeof item === 'string' ? item : idOf(item);
      return result.success
        ? { id: result.id, success: true, errors: [] as RecordError[] }
        : { id: asked ?? null, success: false, errors: [result.error], index };
    });
    const failed = results.some(r => !r.success);
    if (before && failed) {
      org.restore(before);
      return results.map(r =>
        r.success
          ? {
              id: r.id,
              success: false,
              errors: [
                {
                  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                  message:
                    'Record rolled back because not all records were valid and the request was using AllOrNone header',
                  fields: [],
                },
              ],
            }
          : { id: r.id, success: false, errors: r.errors },
      );
    }
    syncLedger();
    return results.map(({ id, success, errors }) => ({ id, success, errors }));
  }

  /** The records of a collections body, each with its type, or undefined after answering 400. */
  function collectionRecords(
    req: Request,
    res: Response,
  ): Array<{ type: SObjectType; fields: Record<string, unknown> }> | undefined {
    const records = req.body?.records;
    if (!Array.isArray(records)) {
      sendSalesforceError(
        res,
        400,
        'JSON_PARSER_ERROR',
        'records: an array of records is required',
      );
      return undefined;
    }
    if (records.length > SALESFORCE_MAX_COLLECTION_RECORDS) {
      context.stats.count('rejectedByLimit');
      sendSalesforceError(
        res,
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call',
      );
      return undefined;
    }
    const typed: Array<{ type: SObjectType; fields: Record<string, unknown> }> =
      [];
    for (const record of records) {
      const type = record?.attributes?.type;
      if (typeof type !== 'string' || type === '') {
        sendSalesforceError(
          res,
          400,
          'INVALID_INPUT',
          'Each record of an sObject collection must name its type in attributes.type',
        );
        return undefined;
      }
      if (!supported(res, type)) return undefined;
      typed.push({ type, fields: recordBody(record) });
    }
    return typed;
  }

  function collectionsVersion(req: Request, res: Response): boolean {
    if (Number(req.params[0].slice(1)) >= COLLECTIONS_SINCE) return true;
    notFound(res);
    return false;
  }

  function supported(res: Response, type: string): type is SObjectType {
    if (org.isSupported(type)) return true;
    sendSalesforceError(
      res,
      404,
      'NOT_FOUND',
      `The requested resource does not exist`,
    );
    return false;
  }

  return {
    authenticate: salesforceAuth({
      tokens,
      clients: options.clientCredentials,
      instanceUrl: req => `${req.protocol}://${req.get('host')}`,
    }),
    router,
    objects: () => {
      ensureSeeded();
      return org.campaigns();
    },
    throttled(_req, res) {
      // The daily allocation has no "retry after": Salesforce only says it is used up.
      usageHeader(res, true);
      sendSalesforceError(
        res,
        403,
        'REQUEST_LIMIT_EXCEEDED',
        'TotalRequests Limit exceeded.',
      );
    },
    serverError(_req, res, random) {
      const pick = random();
      if (pick < 1 / 3) {
        sendSalesforceError(
          res,
          503,
          'SERVER_UNAVAILABLE',
          'Server temporarily unavailable, please try again later.',
        );
      } else if (pick < 2 / 3) {
        sendSalesforceError(
          res,
          500,
          'UNKNOWN_EXCEPTION',
          'An unexpected error occurred. Please include this ErrorId if you contact support: 1729485766-41236 (-1542906823)',
        );
      } else {
        // Another transaction holds a row the request needs: worth retrying.
        sendSalesforceError(
          res,
          400,
          'UNABLE_TO_LOCK_ROW',
          'unable to obtain exclusive access to this record or 1 records',
          [],
        );
      }
    },
    notFound(_req, res) {
      notFound(res);
    },
    badRequest(_req, res, message) {
      sendSalesforceError(res, 400, 'JSON_PARSER_ERROR', message);
    },
    reset() {
      seeded = org.reset();
      tokens.reset();
      cursors.clear();
      nextCursor = 0;
      // The framework empties the ledger next; seeded campaigns start without members, so it stays right.
    },
  };
}

function answer(res: Response, produce: () => unknown) {
  try {
    res.json(produce());
  } catch (error) {
    if (error instanceof SoqlSyntaxError) {
      sendSalesforceError(res, 400, 'MALFORMED_QUERY', error.message);
    } else if (error instanceof SalesforceRequestError) {
      sendSalesforceError(res, error.status, error.errorCode, error.message);
    } else {
      throw error;
    }
  }
}

function notFound(res: Response) {
  sendSalesforceError(
    res,
    404,
    'NOT_FOUND',
    'The requested resource does not exist',
  );
}

function sendRecordError(res: Response, error: RecordError) {
  sendSalesforceError(res, 400, error.statusCode, error.message, error.fields);
}

/** The fields of a record body, without its `attributes`. */
function recordBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const { attributes: _attributes, ...fields } = body as Record<
    string,
    unknown
  >;
  return fields;
}

function idOf(item: unknown): string | undefined {
  const fields = (item as { fields?: Record<string, unknown> })?.fields;
  const id = fields?.id ?? fields?.Id;
  return typeof id === 'string' ? id : undefined;
}
