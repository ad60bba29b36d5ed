import { Condition, SoqlQuery, SoqlValue } from './soql';
import { mintId, normalizeId, SObjectType, typeOfId } from './salesforceIds';
import {
  customFieldInfo,
  FieldInfo,
  fitsFieldType,
  SeedSalesforceField,
  standardFieldInfo,
} from './salesforceDescribe';

export type FieldValue = string | number | boolean | null;
export type SObjectRecord = { Id: string } & Record<string, FieldValue>;

/** A record the org holds from the start; `Id` is minted when left out. */
export interface SeedSalesforceRecord {
  Id?: string;
  [field: string]: FieldValue | undefined;
}

/** The records an emulated org starts with. */
export interface SalesforceOrgSeed {
  contacts?: SeedSalesforceRecord[];
  leads?: SeedSalesforceRecord[];
  campaigns?: SeedSalesforceRecord[];
}

/** One error of a record, as sObject Collections report it (`statusCode`). */
export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

export type WriteResult =
  | { success: true; id: string }
  | { success: false; error: RecordError };

/** The org's records at one moment, for `allOrNone` requests to roll back to. */
export interface OrgSnapshot {
  readonly records: Records;
  readonly deleted: ReadonlySet<string>;
}

/** A request-level error, answered as `[{ message, errorCode }]` with `status`. */
export class SalesforceRequestError extends Error {
  readonly status: number;
  readonly errorCode: string;

  constructor(status: number, errorCode: string, message: string) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }
}

interface ObjectSchema {
  fields: string[];
  /** Fields the API computes: readable, never written. */
  readOnly: string[];
  required: string[];
}

const AUDIT = ['CreatedDate', 'LastModifiedDate'];
const PERSON = [
  'FirstName',
  'LastName',
  'Name',
  'Email',
  'Phone',
  'MobilePhone',
  'Title',
  'LeadSource',
  'HasOptedOutOfEmail',
  'DoNotCall',
  'Description',
];

const SCHEMAS: Record<SObjectType, ObjectSchema> = {
  Contact: {
    fields: [
      'Id',
      ...PERSON,
      'Department',
      'AccountId',
      'Birthdate',
      'MailingStreet',
      'MailingCity',
      'MailingState',
      'MailingPostalCode',
      'MailingCountry',
      ...AUDIT,
    ],
    readOnly: ['Id', 'Name', ...AUDIT],
    required: ['LastName'],
  },
  Lead: {
    fields: [
      'Id',
      ...PERSON,
      'Company',
      'Status',
      'Street',
      'City',
      'State',
      'PostalCode',
      'Country',
      'IsConverted',
      'ConvertedContactId',
      ...AUDIT,
    ],
    readOnly: ['Id', 'Name', 'IsConverted', 'ConvertedContactId', ...AUDIT],
    required: ['LastName', 'Company'],
  },
  Campaign: {
    fields: [
      'Id',
      'Name',
      'IsActive',
      'Type',
      'Status',
      'Description',
      'StartDate',
      'EndDate',
      'NumberOfContacts',
      'NumberOfLeads',
      ...AUDIT,
    ],
    readOnly: ['Id', 'NumberOfContacts', 'NumberOfLeads', ...AUDIT],
    required: ['Name'],
  },
  CampaignMember: {
    fields: [
      'Id',
      'CampaignId',
      'ContactId',
      'LeadId',
      'Status',
      'HasResponded',
      'Email',
      'FirstName',
      'LastName',
      ...AUDIT,
    ],
    readOnly: [
      'Id',
      'HasResponded',
      'Email',
      'FirstName',
      'LastName',
      ...AUDIT,
    ],
    required: ['CampaignId'],
  },
};

/** The records by type and id (the type is the id's key prefix). */
class Records {
  readonly #tables = new Map<SObjectType, Map<string, SObjectRecord>>();

  get(id: string): SObjectRecord | undefined {
    const type = typeOfId(id);
    return type ? this.#tables.get(type)?.get(id) : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, record: SObjectRecord): void {
    const type = typeOfId(id)!;
    let table = this.#tables.get(type);
    if (!table) {
      table = new Map();
      this.#tables.set(type, table);
    }
    table.set(id, record);
  }

  delete(id: string): void {
    const type = typeOfId(id);
    if (type) this.#tables.get(type)?.delete(id);
  }

  all(type: SObjectType): SObjectRecord[] {
    return [...(this.#tables.get(type)?.values() ?? [])];
  }

  clear(): void {
    this.#tables.clear();
  }

  copy(): Records {
    const copy = new Records();
    for (const [type, table] of this.#tables) {
      copy.#tables.set(
        type,
        new Map([...table].map(([id, r]) => [id, { ...r }])),
      );
    }
    return copy;
  }
}

/** Fields holding record ids: compared in their 18-character form. */
const ID_FIELDS = new Set([
  'Id',
  'CampaignId',
  'ContactId',
  'LeadId',
  'AccountId',
  'ConvertedContactId',
]);
/** The member statuses every new campaign has (Salesforce's defaults); the first is the default. */
const MEMBER_STATUSES = ['Sent', 'Responded'];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The records of one emulated org: Contacts, Leads, Campaigns and CampaignMembers, with the schema checks
 * and errors of the REST API: required fields, unknown and read-only fields, bad emails, bad ids,
 * `DUPLICATE_VALUE` for a second member of the same person in a campaign, and `UNABLE_TO_LOCK_ROW` for
 * records another transaction holds. Deleting a Contact, Lead or Campaign deletes its CampaignMembers.
 */
export class SalesforceOrg {
  readonly #seed: () => SalesforceOrgSeed | undefined;
  readonly #customFields: Map<string, FieldInfo>;
  readonly #locked: Set<string>;
  readonly #now: () => number;
  #schemas: Record<SObjectType, ObjectSchema> = SCHEMAS;
  #records = new Records();
  #deleted = new Set<string>();
  #minted = 0;

  static create(options: {
    seed: () => SalesforceOrgSeed | undefined;
    customFields: SeedSalesforceField[];
    lockedRecordIds: string[];
    now: () => number;
  }) {
    // Empty until the first reset, which reads the seed.
    return new SalesforceOrg(options);
  }

  private constructor(options: {
    seed: () => SalesforceOrgSeed | undefined;
    customFields: SeedSalesforceField[];
    lockedRecordIds: string[];
    now: () => number;
  }) {
    this.#seed = options.seed;
    this.#customFields = new Map(
      options.customFields.map(seed => {
        const { name, info } = customFieldInfo(seed);
        return [name, info];
      }),
    );
    this.#locked = new Set(
      options.lockedRecordIds.map(id => {
        const normalized = normalizeId(id);
        if (!normalized)
          throw new Error(`lockedRecordIds: '${id}' is not a record id`);
        return normalized;
      }),
    );
    this.#now = options.now;
  }

  /**
   * Back to the seeded records. The seed is read again, so a seed source may fill in after start; while it
   * has nothing yet (undefined) the org is empty and this returns false.
   */
  reset(): boolean {
    this.#records.clear();
    this.#deleted.clear();
    this.#minted = 0;
    const read = this.#seed();
    const seed = read ?? {};
    const custom = new Set(this.#customFields.keys());
    for (const record of [...(seed.contacts ?? []), ...(seed.leads ?? [])]) {
      for (const field of Object.keys(record)) {
        if (
          !SCHEMAS.Contact.fields.includes(field) &&
          !SCHEMAS.Lead.fields.includes(field)
        ) {
          custom.add(field);
        }
      }
    }
    const withCustom = (schema: ObjectSchema) => ({
      ...schema,
      fields: [...schema.fields, ...custom],
    });
    this.#schemas = {
      ...SCHEMAS,
      Contact: withCustom(SCHEMAS.Contact),
      Lead: withCustom(SCHEMAS.Lead),
    };
    const load = (type: SObjectType, records: SeedSalesforceRecord[] = []) => {
      for (const seeded of records) {
        const id =
          seeded.Id === undefined ? this.#mint(type) : normalizeId(seeded.Id);
        if (!id || typeOfId(id) !== type) {
          throw new Error(
            `The seeded ${type} id '${seeded.Id}' is not a ${type} id`,
          );
        }
        const record: SObjectRecord = {
          ...this.#blank(type),
          ...trimmed(stripUndefined(seeded)),
          Id: id,
        };
        if (type === 'Lead') record.IsConverted = seeded.IsConverted ?? false;
        this.#records.set(id, this.#derive(type, record));
      }
    };
    load('Contact', seed.contacts);
    load('Lead', seed.leads);
    load('Campaign', seed.campaigns);
    return read !== undefined;
  }

  get(id: string): SObjectRecord | undefined {
    const normalized = normalizeId(id);
    const record = normalized ? this.#records.get(normalized) : undefined;
    return record ? this.#view(record) : undefined;
  }

  campaigns(): Array<{ id: string; name: string }> {
    return this.#all('Campaign').map(c => ({ id: c.Id, name: String(c.Name) }));
  }

  /** What a campaign's members read back as: each member's lower-cased email, or its Contact/Lead id. */
  memberKeys(campaignId: string): string[] {
    return this.#all('CampaignMember')
      .filter(m => m.CampaignId === campaignId)
      .map(m => {
        const person = this.#records.get(String(m.ContactId ?? m.LeadId));
        const email = person?.Email;
        return typeof email === 'string' && email !== ''
          ? email.toLowerCase()
          : String(person?.Id);
      });
  }

  /** A copy of every record, for `allOrNone` requests to roll back to. */
  snapshot(): OrgSnapshot {
    return { records: this.#records.copy(), deleted: new Set(this.#deleted) };
  }

  restore(snapshot: OrgSnapshot): void {
    this.#records = snapshot.records.copy();
    this.#deleted = new Set(snapshot.deleted);
  }

  isSupported(type: string): type is SObjectType {
    return Object.prototype.hasOwnProperty.call(SCHEMAS, type);
  }

  create(type: SObjectType, input: Record<string, unknown>): WriteResult {
    if ('Id' in input || 'id' in input) {
      return failure('INVALID_FIELD', 'cannot specify Id in an insert call', [
        'Id',
      ]);
    }
    const checked = this.#checkFields(type, input);
    if (!checked.success) return checked;
    const record: SObjectRecord = {
      ...this.#blank(type),
      ...checked.values,
      Id: '',
    };
    const missing = this.#schemas[type].required.filter(
      f => record[f] === null || record[f] === '',
    );
    if (type === 'CampaignMember' && !record.ContactId && !record.LeadId) {
      missing.push('ContactId', 'LeadId');
    }
    if (missing.length > 0) {
      return failure(
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
    }
    if (type === 'CampaignMember') {
      const refused = this.#checkMember(record);
      if (refused) return refused;
    }
    if (type === 'Lead') record.IsConverted = false;
    record.Id = this.#mint(type);
    this.#records.set(record.Id, this.#derive(type, record));
    return { success: true, id: record.Id };
  }

  update(
    type: SObjectType,
    id: unknown,
    input: Record<string, unknown>,
  ): WriteResult {
    if (typeof id !== 'string' || id === '') {
      return failure(
        'MISSING_ARGUMENT',
        'Id not specified in an update call',
        [],
      );
    }
    const found = this.#find(id, type);
    if (!found.success) return found;
    const record = this.#records.get(found.id)!;
    if (this.#locked.has(found.id)) return lockFailure(found.id);
    const checked = this.#checkFields(type, input);
    if (!checked.success) return checked;
    const updated: SObjectRecord = { ...record, ...checked.values };
    const emptied = this.#schemas[type].required.filter(
      f => f in checked.values && (updated[f] === null || updated[f] === ''),
    );
    if (emptied.length > 0) {
      return failure(
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${emptied.join(', ')}]`,
        emptied,
      );
    }
    this.#records.set(found.id, this.#derive(type, updated));
    if (type === 'Contact' || type === 'Lead') {
      // Members show their person's email and name.
      for (const member of this.#all('CampaignMember')) {
        if (member.ContactId === found.id || member.LeadId === found.id) {
          this.#derive('CampaignMember', member);
        }
      }
    }
    return { success: true, id: found.id };
  }

  delete(id: string): WriteResult {
    const found = this.#find(id);
    if (!found.success) return found;
    const record = this.#records.get(found.id)!;
    const touched = [
      found.id,
      record.CampaignId,
      record.ContactId,
      record.LeadId,
    ];
    const locked = touched.find(
      t => typeof t === 'string' && this.#locked.has(t),
    );
    if (locked) return lockFailure(String(locked));
    this.#records.delete(found.id);
    this.#deleted.add(found.id);
    // Members go with their campaign and their person.
    for (const member of this.#all('CampaignMember')) {
      if (
        [member.CampaignId, member.ContactId, member.LeadId].includes(found.id)
      ) {
        this.#records.delete(member.Id);
        this.#deleted.add(member.Id);
      }
    }
    return { success: true, id: found.id };
  }

  /** The records a query selects, each with `attributes` and the selected fields, in the order asked. */
  query(query: SoqlQuery, apiPath: string): Array<Record<string, unknown>> {
    const type = query.object;
    if (!this.isSupported(type)) {
      throw new SalesforceRequestError(
        400,
        'INVALID_TYPE',
        `sObject type '${type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    const fields = query.fields.map(f => this.#fieldOf(type, f));
    const duplicate = fields.find((f, i) => fields.indexOf(f) !== i);
    if (duplicate) {
      throw new SalesforceRequestError(
        400,
        'MALFORMED_QUERY',
        `duplicate field selected: ${duplicate}`,
      );
    }
    const where = query.where ? this.#compile(type, query.where) : () => true;
    let selected = this.#all(type).filter(where);
    if (query.orderBy) {
      const field = this.#fieldOf(type, query.orderBy.field);
      const sign = query.orderBy.descending ? -1 : 1;
      selected = [...selected].sort(
        (a, b) => sign * compareValues(a[field], b[field]),
      );
    }
    if (query.limit !== undefined) selected = selected.slice(0, query.limit);
    return selected.map(stored => {
      const record = this.#view(stored);
      return {
        attributes: { type, url: `${apiPath}/sobjects/${type}/${record.Id}` },
        ...Object.fromEntries(fields.map(f => [f, record[f] ?? null])),
      };
    });
  }

  /** A record as the API shows it: a campaign with its member counts. */
  #view(record: SObjectRecord): SObjectRecord {
    if (typeOfId(record.Id) !== 'Campaign') return { ...record };
    const members = this.#all('CampaignMember').filter(
      m => m.CampaignId === record.Id,
    );
    return {
      ...record,
      NumberOfContacts: members.filter(m => m.ContactId).length,
      NumberOfLeads: members.filter(m => m.LeadId).length,
    };
  }

  #all(type: SObjectType): SObjectRecord[] {
    return this.#records.all(type);
  }

  #mint(type: SObjectType): string {
    for (;;) {
      this.#minted += 1;
      const id = mintId(type, this.#minted);
      if (!this.#records.has(id)) return id;
    }
  }

  #blank(type: SObjectType): SObjectRecord {
    const now = new Date(this.#now()).toISOString().replace('Z', '+0000');
    const record: SObjectRecord = { Id: '' };
    for (const field of this.#schemas[type].fields) record[field] = null;
    record.CreatedDate = now;
    record.LastModifiedDate = now;
    if (type === 'Campaign') record.IsActive = false;
    if (type === 'CampaignMember') record.Status = MEMBER_STATUSES[0];
    return record;
  }

  /** Fills the fields the API computes. */
  #derive(type: SObjectType, record: SObjectRecord): SObjectRecord {
    record.LastModifiedDate = new Date(this.#now())
      .toISOString()
      .replace('Z', '+0000');
    if (type === 'Contact' || type === 'Lead') {
      record.Name =
        [record.FirstName, record.LastName].filter(Boolean).join(' ') || null;
    }
    if (type === 'CampaignMember') {
      const person = this.#records.get(
        String(record.ContactId ?? record.LeadId),
      );
      record.Email = person?.Email ?? null;
      record.FirstName = person?.FirstName ?? null;
      record.LastName = person?.LastName ?? null;
      record.HasResponded = record.Status === 'Responded';
    }
    return record;
  }

  /** A record id that exists (of `type`, when given), or the error a write of it gets. */
  #find(
    id: string,
    type?: SObjectType,
  ): { success: true; id: string } | { success: false; error: RecordError } {
    const normalized = normalizeId(id);
    if (!normalized || (type && typeOfId(normalized) !== type)) {
      return failure('MALFORMED_ID', `malformed id ${id}`, []);
    }
    if (this.#deleted.has(normalized)) {
      return failure('ENTITY_IS_DELETED', 'entity is deleted', []);
    }
    if (!this.#records.has(normalized)) {
      return failure(
        'INVALID_CROSS_REFERENCE_KEY',
        'invalid cross reference id',
        [],
      );
    }
    return { success: true, id: normalized };
  }

  #checkMember(member: SObjectRecord): WriteResult | undefined {
    // With both given, only ContactId counts.
    if (member.ContactId) member.LeadId = null;
    const references: Array<[string, SObjectType]> = [
      ['CampaignId', 'Campaign'],
      [
        member.ContactId ? 'ContactId' : 'LeadId',
        member.ContactId ? 'Contact' : 'Lead',
      ],
    ];
    for (const [field, type] of references) {
      const id = normalizeId(String(member[field]));
      if (!id || typeOfId(id) !== type) {
        return failure(
          'MALFORMED_ID',
          `${field}: id value of incorrect type: ${member[field]}`,
          [field],
        );
      }
      if (!this.#records.has(id)) {
        return failure(
          'INVALID_CROSS_REFERENCE_KEY',
          `invalid cross reference id`,
          [field],
        );
      }
      member[field] = id;
    }
    for (const field of ['CampaignId', 'ContactId', 'LeadId']) {
      if (member[field] && this.#locked.has(String(member[field]))) {
        return lockFailure(String(member[field]));
      }
    }
    if (!MEMBER_STATUSES.includes(String(member.Status))) {
      return failure(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `Status: bad value for restricted picklist field: ${member.Status}`,
        ['Status'],
      );
    }
    const person = member.ContactId ? 'ContactId' : 'LeadId';
    const taken = this.#all('CampaignMember').some(
      m => m.CampaignId === member.CampaignId && m[person] === member[person],
    );
    if (taken)
      return failure('DUPLICATE_VALUE', 'Already a campaign member.', []);
    return undefined;
  }

  /** The values of a write under their canonical field names, or the first field error. */
  #checkFields(
    type: SObjectType,
    input: Record<string, unknown>,
  ):
    | { success: true; values: Record<string, FieldValue> }
    | { success: false; error: RecordError } {
    const values: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(input)) {
      if (name === 'attributes' || name === 'Id' || name === 'id') continue;
      const field = this.#schemas[type].fields.find(
        f => f.toLowerCase() === name.toLowerCase(),
      );
      if (!field) {
        return failure(
          'INVALID_FIELD',
          `No such column '${name}' on sobject of type ${type}`,
          [name],
        );
      }
      if (this.#schemas[type].readOnly.includes(field)) {
        return failure(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [field],
        );
      }
      if (
        value !== null &&
        !['string', 'number', 'boolean'].includes(typeof value)
      ) {
        return failure(
          'INVALID_TYPE_ON_FIELD_IN_RECORD',
          `${field}: value not of required type: ${JSON.stringify(value)}`,
          [field],
        );
      }
      const { type: fieldType } = this.#fieldInfo(field);
      if (!fitsFieldType(fieldType, value)) {
        return failure(
          'INVALID_TYPE_ON_FIELD_IN_RECORD',
          `${field}: value not of required type: ${JSON.stringify(value)}`,
          [field],
        );
      }
      // Salesforce keeps text without its surrounding whitespace.
      const text = typeof value === 'string' ? value.trim() : value;
      if (
        field === 'Email' &&
        typeof text === 'string' &&
        text !== '' &&
        !EMAIL.test(text)
      ) {
        return failure(
          'INVALID_EMAIL_ADDRESS',
          `Email: invalid email address: ${value}`,
          [field],
        );
      }
      values[field] = text as FieldValue;
    }
    return { success: true, values };
  }

  /**
   * `GET /sobjects/{type}/describe`, the parts clients read: each field's name, label, type and whether it
   * can be written on create and update.
   */
  describe(type: SObjectType) {
    const schema = this.#schemas[type];
    return {
      name: type,
      label: type,
      custom: false,
      createable: true,
      updateable: true,
      fields: schema.fields.map(name => {
        const info = this.#fieldInfo(name);
        const writable = !schema.readOnly.includes(name);
        return {
          name,
          label: info.label,
          type: info.type,
          custom: name.endsWith('__c'),
          createable: writable,
          updateable: writable,
          nillable: !schema.required.includes(name) && info.type !== 'boolean',
          defaultedOnCreate: info.type === 'boolean' || !writable,
          calculated: false,
        };
      }),
    };
  }

  #fieldInfo(name: string): FieldInfo {
    return this.#customFields.get(name) ?? standardFieldInfo(name);
  }

  #fieldOf(type: SObjectType, name: string): string {
    const field = this.#schemas[type].fields.find(
      f => f.toLowerCase() === name.toLowerCase(),
    );
    if (field) return field;
    throw new SalesforceRequestError(
      400,
      'INVALID_FIELD',
      name.includes('.')
        ? `Didn't understand relationship '${
            name.split('.')[0]
          }' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
        : `No such column '${name}' on entity '${type}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }

  #compile(
    type: SObjectType,
    condition: Condition,
  ): (record: SObjectRecord) => boolean {
    switch (condition.kind) {
      case 'and': {
        const parts = condition.conditions.map(c => this.#compile(type, c));
        return r => parts.every(p => p(r));
      }
      case 'or': {
        const parts = condition.conditions.map(c => this.#compile(type, c));
        return r => parts.some(p => p(r));
      }
      case 'not': {
        const inner = this.#compile(type, condition.condition);
        return r => !inner(r);
      }
      default: {
        const field = this.#fieldOf(type, condition.field);
        const values = (
          condition.kind === 'in' ? condition.values : [condition.value]
        ).map(v => this.#filterValue(field, v));
        const set = new Set(values);
        const matches = (r: SObjectRecord) => set.has(comparable(r[field]));
        const negated =
          condition.kind === 'in' ? condition.negated : condition.op === '!=';
        return negated ? r => !matches(r) : matches;
      }
    }
  }

  /** A filter value as records are compared: ids in 18-character form, text in lower case. */
  #filterValue(field: string, value: SoqlValue): unknown {
    if (ID_FIELDS.has(field) && typeof value === 'string') {
      const id = normalizeId(value);
      if (!id) {
        throw new SalesforceRequestError(
          400,
          'INVALID_QUERY_FILTER_OPERATOR',
          `invalid ID field: ${value}`,
        );
      }
      return id.toLowerCase();
    }
    return comparable(value);
  }
}

/** SOQL compares text without regard to case. */
function comparable(value: FieldValue | undefined | unknown): unknown {
  if (value === undefined) return null;
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function compareValues(
  a: FieldValue | undefined,
  b: FieldValue | undefined,
): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return (x as string) < (y as string) ? -1 : 1;
}

function failure(
  statusCode: string,
  message: string,
  fields: string[],
): { success: false; error: RecordError } {
  return { success: false, error: { statusCode, message, fields } };
}

function lockFailure(id: string) {
  return failure(
    'UNABLE_TO_LOCK_ROW',
    `unable to obtain exclusive access to this record or 1 records: ${id}`,
    [],
  );
}

function stripUndefined(
  record: SeedSalesforceRecord,
): Record<string, FieldValue> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined),
  ) as Record<string, FieldValue>;
}

function trimmed(
  record: Record<string, FieldValue>,
): Record<string, FieldValue> {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [
      k,
      typeof v === 'string' ? v.trim() : v,
    ]),
  );
}
