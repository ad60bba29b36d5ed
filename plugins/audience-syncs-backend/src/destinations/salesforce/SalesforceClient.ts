import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DestinationCapabilities,
  DestinationFieldSchema,
  DestinationObject,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AudienceMember,
  BatchRequest,
  BatchResult,
  createdObject,
  DestinationClient,
  DestinationConnectContext,
  DestinationError,
  DestinationMember,
  PreparedRow,
  PrepareResult,
  RowRejection,
  SyncTarget,
} from '@signalsmith/backstage-plugin-audience-syncs-node';
import {
  prepareSalesforceRow,
  salesforceIdentifierFields,
} from './prepareSalesforceRow';
import { SalesforceSettings } from './salesforceSettings';
import {
  CollectionResult,
  isLockError,
  RecordError,
} from './salesforceResponses';
import { SalesforceRest } from './SalesforceRest';
import { readSalesforceMembers } from './readSalesforceMembers';
import { SObjectDescribe, writableFields } from './salesforceFields';

/** sObject Collections take at most 200 records or ids per request. */
const MAX_COLLECTION_RECORDS = 200;
/**
 * Longest SOQL text of one lookup. Queries travel in the URL, which Salesforce caps at 16,384 bytes;
 * percent-encoding can triple a value, so lookups are split well below that.
 */
const MAX_SOQL_LENGTH = 4000;
/**
 * Longest SOQL text of a lookup by record id: a page of 200 members' ids in one query. Ids are letters and
 * digits, so the URL stays far under its cap however the quotes and commas are encoded.
 */
const MAX_ID_LOOKUP_LENGTH = 8000;
/**
 * Calls one batch can take: the Contact lookup, the Lead lookup, the field update and the member write.
 * A cap in `apiRequestsPerDay` is shared out in batches of this many calls.
 */
const MAX_CALLS_PER_BATCH = 4;

type PersonType = 'Contact' | 'Lead';
interface Person {
  type: PersonType;
  id: string;
}
/** What an identifier found: one person, several (which one is meant cannot be told), or nobody. */
type Match =
  | { kind: 'one'; person: Person }
  | { kind: 'several'; type: PersonType; count: number };

type SoqlRecord = Record<string, unknown> & { Id: string };

/**
 * One Salesforce org: its Campaigns are the objects, filled with CampaignMembers of the Contacts (or, failing
 * those, unconverted Leads) that members' emails or external ids find. Adds create members (an
 * existing member, DUPLICATE_VALUE, counts as added); removes look the member ids up and delete them;
 * mapped fields are written to the Contact or Lead.
 */
export class SalesforceClient implements DestinationClient {
  readonly capabilities: DestinationCapabilities;
  readonly #settings: SalesforceSettings;
  readonly #rest: SalesforceRest;
  readonly #logger: LoggerService;

  static create(context: DestinationConnectContext<SalesforceSettings>) {
    return new SalesforceClient(
      context.settings,
      SalesforceRest.create(context),
      context.logger,
    );
  }

  private constructor(
    settings: SalesforceSettings,
    rest: SalesforceRest,
    logger: LoggerService,
  ) {
    this.#settings = settings;
    this.#rest = rest;
    this.#logger = logger;
    this.capabilities = {
      supportsAudienceSyncs: true,
      objectLabel: 'Campaign',
      identifierFields: salesforceIdentifierFields(settings.externalIdField),
      // Fields of the org's Contacts and Leads, which orgs add their own (`__c`) of: `describeFields` lists
      // them. Salesforce refuses unknown or read-only fields per record (INVALID_FIELD).
      additionalFields: 'any',
      canCreateObjects: true,
      canReadMembers: true,
      batchSize: MAX_COLLECTION_RECORDS,
      // The daily allocation is the org's, shared with every integration: only a cap set on the
      // destination is enforced here, in batches of at most four calls.
      ...(settings.apiRequestsPerDay
        ? {
            rateLimit: {
              requests: Math.floor(
                settings.apiRequestsPerDay / MAX_CALLS_PER_BATCH,
              ),
              perSeconds: 86_400,
            },
          }
        : {}),
    };
  }

  /** Every Campaign of the org, by name. */
  async listObjects(): Promise<DestinationObject[]> {
    const campaigns = await this.#rest.query<SoqlRecord>(
      'SELECT Id, Name FROM Campaign ORDER BY Name',
    );
    return campaigns.map(c => ({ id: c.Id, name: String(c.Name ?? c.Id) }));
  }

  /**
   * The fields mapped values can be written to, whichever campaign: those the Contact describe says are
   * updateable, and, where members may be Leads, updateable on Lead too (a Lead lacking one would refuse it).
   */
  async describeFields(): Promise<DestinationFieldSchema> {
    const describe = (type: 'Contact' | 'Lead') =>
      this.#rest.json<SObjectDescribe>(
        'GET',
        `${this.#rest.apiPath}/sobjects/${type}/describe`,
      );
    const [contact, lead] = await Promise.all([
      describe('Contact'),
      this.#settings.matchLeads ? describe('Lead') : undefined,
    ]);
    return { acceptsAnyField: false, fields: writableFields(contact, lead) };
  }

  /**
   * Finds the campaign with this name or creates it: campaign names are not unique in Salesforce,
   * so a second "VIP" would only confuse; several campaigns of that name are an error.
   */
  async createObject(name: string): Promise<DestinationObject> {
    const existing = await this.#rest.query<SoqlRecord>(
      `SELECT Id, Name FROM Campaign WHERE Name = ${soqlString(name)}`,
    );
    if (existing.length === 1) {
      return { id: existing[0].Id, name: String(existing[0].Name) };
    }
    if (existing.length > 1) {
      throw new DestinationError({
        message: `${existing.length} Salesforce campaigns are named '${name}': select the one to fill instead`,
        code: 'ambiguous_object',
        retryable: false,
      });
    }
    const created = (await this.#rest.json(
      'POST',
      `${this.#rest.apiPath}/sobjects/Campaign`,
      {
        body: {
          Name: name,
          IsActive: true,
          Description: 'Members kept in sync by Backstage Audience Syncs',
        },
      },
    )) as { id?: string };
    // The answer holds the id alone.
    return createdObject(
      { id: created.id },
      { name, service: 'Salesforce', object: 'campaign' },
    );
  }

  prepare(member: AudienceMember, target: SyncTarget): PrepareResult {
    return prepareSalesforceRow(member, target, this.#settings);
  }

  async applyBatch(request: BatchRequest): Promise<BatchResult> {
    if (request.rows.length === 0) return { rejected: [] };
    if (request.operation === 'remove') return this.#remove(request);
    if (
      request.operation === 'update' &&
      request.target.fieldMappings.length === 0
    ) {
      return { rejected: [] };
    }
    const rejected: RowRejection[] = [];
    const field = request.target.identifier.field;
    const matches = await this.#match(
      field,
      request.rows.map(r => r.identifier),
      request.signal,
    );
    const found: Array<{ row: PreparedRow; person: Person }> = [];
    for (const row of request.rows) {
      const match = matches.get(keyOf(row.identifier));
      if (match?.kind === 'one') {
        found.push({ row, person: match.person });
      } else {
        rejected.push(this.#unmatched(row, field, match));
      }
    }
    let ready = found;
    if (request.target.fieldMappings.length > 0) {
      const refused = await this.#updateFields(found, request.signal);
      rejected.push(...refused);
      const refusedKeys = new Set(refused.map(r => r.memberKey));
      ready = found.filter(f => !refusedKeys.has(f.row.memberKey));
    }
    if (request.operation === 'add') {
      rejected.push(
        ...(await this.#addMembers(
          request.target.object.id,
          ready,
          request.signal,
        )),
      );
    }
    return { rejected };
  }

  /** The campaign's people by the sync's identifier, page after page (see `readSalesforceMembers`). */
  async *readMembers(
    target: SyncTarget,
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<DestinationMember[]> {
    const { field, entityKey } = target.identifier;
    // The field goes into SOQL text: only the identifier fields this destination offers may.
    if (!this.capabilities.identifierFields.some(f => f.field === field)) {
      throw new DestinationError({
        message: `Salesforce syncs match people by ${this.capabilities.identifierFields
          .map(f => f.field)
          .join(' or ')}, not '${field}'`,
        code: 'unsupported_identifier',
        retryable: false,
      });
    }
    // A generator throughout: the refusal above comes with the first page, through the plugin's wrappers.
    yield* readSalesforceMembers({
      rest: this.#rest,
      campaignId: soqlString(target.object.id),
      field,
      isEmail: entityKey === 'email',
      valuesById: async (type, ids, signal) => {
        const values = new Map<string, string>();
        const prefix = `SELECT Id, ${field} FROM ${type} WHERE Id IN (`;
        for (const list of soqlLists(prefix, ids, MAX_ID_LOOKUP_LENGTH)) {
          const records = await this.#rest.query<SoqlRecord>(
            `${prefix}${list})`,
            signal,
          );
          for (const record of records) {
            const value = record[field];
            if (typeof value === 'string') values.set(record.Id, value);
          }
        }
        return values;
      },
      signal: options.signal,
    });
  }

  /**
   * Finds the person each identifier means: the Contact with it, else (with `matchLeads`) the unconverted
   * Lead with it. Identifiers are matched without regard to case, as SOQL compares them.
   */
  async #match(
    field: string,
    identifiers: string[],
    signal?: AbortSignal,
  ): Promise<Map<string, Match>> {
    const matches = new Map<string, Match>();
    const contacts = await this.#lookUp('Contact', field, identifiers, signal);
    for (const [key, ids] of contacts) {
      matches.set(key, personMatch('Contact', ids));
    }
    if (!this.#settings.matchLeads) return matches;
    const rest = identifiers.filter(i => !matches.has(keyOf(i)));
    if (rest.length === 0) return matches;
    const leads = await this.#lookUp(
      'Lead',
      field,
      rest,
      signal,
      'IsConverted = false',
    );
    for (const [key, ids] of leads) {
      matches.set(key, personMatch('Lead', ids));
    }
    return matches;
  }

  /** The ids of the records of `type` per identifier (lower-cased), in lookups short enough for a URL. */
  async #lookUp(
    type: PersonType,
    field: string,
    identifiers: string[],
    signal?: AbortSignal,
    filter?: string,
  ): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const unique = [...new Set(identifiers.map(keyOf))];
    const prefix = `SELECT Id, ${field} FROM ${type} WHERE ${
      filter ? `${filter} AND ` : ''
    }${field} IN (`;
    for (const values of soqlLists(prefix, unique)) {
      const records = await this.#rest.query<SoqlRecord>(
        `${prefix}${values})`,
        signal,
      );
      for (const record of records) {
        const value = record[field];
        if (typeof value !== 'string') continue;
        const key = keyOf(value);
        found.set(key, [...(found.get(key) ?? []), record.Id]);
      }
    }
    return found;
  }

  #unmatched(
    row: PreparedRow,
    field: string,
    match: Match | undefined,
  ): RowRejection {
    const where = this.#settings.matchLeads
      ? 'Contact or unconverted Lead'
      : 'Contact';
    if (match?.kind === 'several') {
      return {
        memberKey: row.memberKey,
        code: 'ambiguous_record',
        message: `${match.count} ${match.type}s in Salesforce have this ${field}: which one the member is cannot be told`,
        retryable: false,
      };
    }
    return {
      memberKey: row.memberKey,
      code: 'record_not_found',
      message: `No ${where} in Salesforce has this ${field}: Audience Syncs adds existing people to campaigns and creates none`,
      retryable: false,
    };
  }

  /**
   * Writes the mapped fields to each person's Contact or Lead (`PATCH /composite/sobjects`). Rows
   * whose record refused the write are rejected (a held row, UNABLE_TO_LOCK_ROW, may succeed later).
   */
  async #updateFields(
    found: Array<{ row: PreparedRow; person: Person }>,
    signal?: AbortSignal,
  ): Promise<RowRejection[]> {
    // One write per record: two members of one person would otherwise be a duplicate id in the request.
    const byPerson = groupBy(found, f => f.person.id);
    const records = [...byPerson.values()].map(group => {
      const { row, person } = group[group.length - 1];
      return {
        attributes: { type: person.type },
        id: person.id,
        ...row.fields,
      };
    });
    const rejected: RowRejection[] = [];
    for (const chunk of chunks(records, MAX_COLLECTION_RECORDS)) {
      const results = (await this.#rest.json(
        'PATCH',
        `${this.#rest.apiPath}/composite/sobjects`,
        { body: { allOrNone: false, records: chunk }, signal },
      )) as CollectionResult[];
      chunk.forEach((record, index) => {
        const result = results[index];
        if (result?.success) return;
        for (const { row } of byPerson.get(record.id)!) {
          rejected.push(recordRejection(row, result, 'update the fields of'));
        }
      });
    }
    return rejected;
  }

  /**
   * Creates a CampaignMember per person. A person already in the campaign is refused with
   * DUPLICATE_VALUE, which is the wanted state: adds stay idempotent.
   */
  async #addMembers(
    campaignId: string,
    ready: Array<{ row: PreparedRow; person: Person }>,
    signal?: AbortSignal,
  ): Promise<RowRejection[]> {
    const byPerson = groupBy(ready, r => r.person.id);
    const people = [...byPerson.values()].map(group => group[0].person);
    const { memberStatus } = this.#settings;
    const rejected: RowRejection[] = [];
    // The engine sends at most batchSize rows; anything larger is left for Salesforce to refuse.
    const results = (await this.#rest.json(
      'POST',
      `${this.#rest.apiPath}/composite/sobjects`,
      {
        body: {
          allOrNone: false,
          records: people.map(person => ({
            attributes: { type: 'CampaignMember' },
            CampaignId: campaignId,
            [person.type === 'Contact' ? 'ContactId' : 'LeadId']: person.id,
            ...(memberStatus ? { Status: memberStatus } : {}),
          })),
        },
        signal,
      },
    )) as CollectionResult[];
    const failures = people
      .map((person, index) => ({ person, result: results[index] }))
      .filter(({ result }) => !result?.success && !isDuplicate(result));
    if (failures.length > 0 && failures.length === people.length) {
      this.#throwIfAboutTheCampaign(failures.map(f => f.result));
    }
    for (const { person, result } of failures) {
      for (const { row } of byPerson.get(person.id)!) {
        rejected.push(recordRejection(row, result, 'add to the campaign'));
      }
    }
    const duplicates = results.filter(isDuplicate).length;
    this.#logger.debug(
      `Added ${
        people.length - failures.length - duplicates
      } people to Salesforce campaign ${campaignId} (${duplicates} were members already, ${
        failures.length
      } refused)`,
    );
    return rejected;
  }

  /** When every member is refused for the campaign's sake, the batch (not its rows) failed. */
  #throwIfAboutTheCampaign(results: Array<CollectionResult | undefined>) {
    const errors = results.map(r => r?.errors?.[0]);
    if (errors.every(e => e?.fields?.includes('CampaignId'))) {
      throw new DestinationError({
        message: `Salesforce has no campaign with this id any more (${errors[0]?.statusCode}: ${errors[0]?.message})`,
        code: 'object_not_found',
        retryable: false,
      });
    }
    if (errors.every(e => e?.fields?.includes('Status'))) {
      throw new DestinationError({
        message: `The campaign refused the member status (${errors[0]?.statusCode}: ${errors[0]?.message}); check the destination's memberStatus setting against the campaign's member statuses`,
        code: 'invalid_member_status',
        retryable: false,
      });
    }
  }

  /**
   * Removes the members' CampaignMembers: finds every Contact and Lead with the identifier, then their
   * members of the campaign, then deletes those by id. Identifiers nobody has, or whose people are not in
   * the campaign, are already removed.
   */
  async #remove(request: BatchRequest): Promise<BatchResult> {
    const { signal } = request;
    const field = request.target.identifier.field;
    const identifiers = request.rows.map(r => r.identifier);
    const people = new Map<string, string>();
    for (const type of this.#settings.matchLeads
      ? (['Contact', 'Lead'] as const)
      : (['Contact'] as const)) {
      for (const [key, ids] of await this.#lookUp(
        type,
        field,
        identifiers,
        signal,
      )) {
        for (const id of ids) people.set(id, key);
      }
    }
    if (people.size === 0) return { rejected: [] };
    const campaign = soqlString(request.target.object.id);
    const members = new Map<string, string>();
    const ids = [...people.keys()];
    const prefix = `SELECT Id, ContactId, LeadId FROM CampaignMember WHERE CampaignId = ${campaign} AND (ContactId IN (`;
    // Each list goes in twice (ContactId and LeadId), so the lists are half as long.
    for (const list of soqlLists(prefix, ids, MAX_SOQL_LENGTH / 2)) {
      const records = await this.#rest.query<SoqlRecord>(
        `${prefix}${list}) OR LeadId IN (${list}))`,
        signal,
      );
      for (const record of records) {
        const person = [record.ContactId, record.LeadId].find(
          id => typeof id === 'string' && people.has(id),
        ) as string | undefined;
        if (person) members.set(record.Id, people.get(person)!);
      }
    }
    const rowsByKey = groupBy(request.rows, r => keyOf(r.identifier));
    const rejected: RowRejection[] = [];
    for (const chunk of chunks([...members.keys()], MAX_COLLECTION_RECORDS)) {
      const results = (await this.#rest.json(
        'DELETE',
        `${this.#rest.apiPath}/composite/sobjects`,
        { query: { ids: chunk.join(','), allOrNone: 'false' }, signal },
      )) as CollectionResult[];
      chunk.forEach((memberId, index) => {
        const result = results[index];
        if (result?.success || isGone(result)) return;
        for (const row of rowsByKey.get(members.get(memberId)!) ?? []) {
          rejected.push(
            recordRejection(row, result, 'remove from the campaign'),
          );
        }
      });
    }
    this.#logger.debug(
      `Removed ${
        members.size - rejected.length
      } members from Salesforce campaign ${request.target.object.id}`,
    );
    return { rejected: uniqueByMember(rejected) };
  }
}

function personMatch(type: PersonType, ids: string[]): Match {
  return ids.length === 1
    ? { kind: 'one', person: { type, id: ids[0] } }
    : { kind: 'several', type, count: ids.length };
}

/** The row-level outcome of a refused record: a held row may succeed when sent again. */
function recordRejection(
  row: PreparedRow,
  result: CollectionResult | undefined,
  action: string,
): RowRejection {
  const error: RecordError = result?.errors?.[0] ?? {
    statusCode: 'UNKNOWN',
    message: 'Salesforce gave no result for the record',
  };
  return {
    memberKey: row.memberKey,
    code: error.statusCode ?? 'UNKNOWN',
    message: `Salesforce would not ${action} the member: ${error.statusCode}: ${error.message}`,
    retryable: isLockError(error),
  };
}

function isDuplicate(result: CollectionResult | undefined): boolean {
  return result?.errors?.some(e => e.statusCode === 'DUPLICATE_VALUE') ?? false;
}

/** A member deleted meanwhile (by someone else, or by an earlier try of this batch) is removed already. */
function isGone(result: CollectionResult | undefined): boolean {
  return (
    result?.errors?.some(
      e =>
        e.statusCode === 'ENTITY_IS_DELETED' ||
        e.statusCode === 'INVALID_CROSS_REFERENCE_KEY',
    ) ?? false
  );
}

/** How identifiers are compared: SOQL compares text without regard to case. */
function keyOf(identifier: string): string {
  return identifier.trim().toLowerCase();
}

const SOQL_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A SOQL string literal: backslash, quote and control characters escaped. */
function soqlString(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t]/g, c => SOQL_ESCAPES[c]);
  return `'${escaped}'`;
}

/** Comma-separated SOQL literals of `values`, split so that each query stays under `maxLength`. */
function* soqlLists(
  prefix: string,
  values: string[],
  maxLength = MAX_SOQL_LENGTH,
) {
  let list: string[] = [];
  let length = prefix.length + 2;
  for (const value of values) {
    const literal = soqlString(value);
    if (list.length > 0 && length + literal.length + 1 > maxLength) {
      yield list.join(',');
      list = [];
      length = prefix.length + 2;
    }
    list.push(literal);
    length += literal.length + 1;
  }
  if (list.length > 0) yield list.join(',');
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

function uniqueByMember(rejected: RowRejection[]): RowRejection[] {
  return [...new Map(rejected.map(r => [r.memberKey, r])).values()];
}
