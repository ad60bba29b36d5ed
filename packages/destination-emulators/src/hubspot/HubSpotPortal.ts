import {
  acceptsValue,
  customProperty,
  HubSpotProperty,
  SeedHubSpotProperty,
  STANDARD_PROPERTIES,
} from './hubspotProperties';

/** What batch answers show of a contact besides the properties written (HubSpot's defaults). */
const DEFAULT_SHOWN = [
  'createdate',
  'email',
  'firstname',
  'hs_object_id',
  'lastmodifieddate',
  'lastname',
];
/** The object type id of contacts, the only lists the emulator keeps. */
export const CONTACTS_OBJECT_TYPE = '0-1';
export const PROCESSING_TYPES = ['MANUAL', 'SNAPSHOT', 'DYNAMIC'] as const;
export type ProcessingType = (typeof PROCESSING_TYPES)[number];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface HubSpotContact {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface HubSpotList {
  listId: string;
  name: string;
  objectTypeId: string;
  processingType: ProcessingType;
  listVersion: number;
  createdAt: string;
  updatedAt: string;
  members: Map<string, string>;
}

/** A list the portal has from the start. */
export interface SeedHubSpotList {
  listId?: string;
  name: string;
  processingType?: ProcessingType;
}

/** A contact the portal has from the start: its email and any other properties. */
export interface SeedHubSpotContact {
  email: string;
  [property: string]: string;
}

export type PropertyProblem =
  | { kind: 'unknown'; name: string }
  | { kind: 'read-only'; name: string }
  | { kind: 'invalid-value'; name: string; type: string; value: string }
  | { kind: 'invalid-email'; value: string };

/** The contacts and contact lists of one emulated HubSpot portal. */
export class HubSpotPortal {
  readonly #seeds: { lists: SeedHubSpotList[]; contacts: SeedHubSpotContact[] };
  readonly #properties: Map<string, HubSpotProperty>;
  readonly #now: () => number;
  #contacts = new Map<string, HubSpotContact>();
  #byEmail = new Map<string, string>();
  #lists = new Map<string, HubSpotList>();
  #nextContact = 0;
  #nextList = 0;

  static create(options: {
    lists: SeedHubSpotList[];
    contacts: SeedHubSpotContact[];
    customProperties: SeedHubSpotProperty[];
    now: () => number;
  }) {
    const portal = new HubSpotPortal(options);
    portal.reset();
    return portal;
  }

  private constructor(options: {
    lists: SeedHubSpotList[];
    contacts: SeedHubSpotContact[];
    customProperties: SeedHubSpotProperty[];
    now: () => number;
  }) {
    this.#seeds = { lists: options.lists, contacts: options.contacts };
    // HubSpot's own definitions first; a seeded contact's other keys are text properties.
    this.#properties = new Map();
    for (const property of [
      ...STANDARD_PROPERTIES,
      ...options.customProperties.map(customProperty),
      ...options.contacts.flatMap(c => Object.keys(c)).map(customProperty),
    ]) {
      if (!this.#properties.has(property.name)) {
        this.#properties.set(property.name, property);
      }
    }
    this.#now = options.now;
  }

  reset(): void {
    this.#contacts.clear();
    this.#byEmail.clear();
    this.#lists.clear();
    this.#nextContact = 0;
    this.#nextList = 0;
    for (const seed of this.#seeds.contacts) {
      this.upsertByEmail(seed.email, seed);
    }
    for (const seed of this.#seeds.lists) {
      this.createList(seed.name, seed.processingType ?? 'MANUAL', seed.listId);
    }
  }

  /** Every contact property definition: HubSpot's, the custom ones and those the seeded contacts use. */
  properties(): HubSpotProperty[] {
    return [...this.#properties.values()];
  }

  /** What is wrong with writing these properties, if anything. */
  checkProperties(
    properties: Record<string, unknown>,
  ): PropertyProblem | undefined {
    for (const [name, value] of Object.entries(properties)) {
      const property = this.#properties.get(name);
      if (!property) return { kind: 'unknown', name };
      if (property.readOnlyValue) return { kind: 'read-only', name };
      if (!acceptsValue(property, value)) {
        const { type } = property;
        return { kind: 'invalid-value', name, type, value: String(value) };
      }
      if (name === 'email' && value !== '' && !EMAIL.test(String(value))) {
        return { kind: 'invalid-email', value: String(value) };
      }
    }
    return undefined;
  }

  isEmail(value: string): boolean {
    return EMAIL.test(value);
  }

  contact(id: string): HubSpotContact | undefined {
    return this.#contacts.get(id);
  }

  contactByEmail(email: string): HubSpotContact | undefined {
    const id = this.#byEmail.get(email.trim().toLowerCase());
    return id ? this.#contacts.get(id) : undefined;
  }

  /** Creates or updates the contact with this email; properties are stored as text, null clears. */
  upsertByEmail(
    email: string,
    properties: Record<string, unknown>,
  ): { contact: HubSpotContact; created: boolean } {
    const now = this.#timestamp();
    const key = email.trim().toLowerCase();
    let contact = this.contactByEmail(key);
    const created = !contact;
    if (!contact) {
      this.#nextContact += 1;
      const id = String(100 + this.#nextContact);
      contact = {
        id,
        properties: { createdate: now, hs_object_id: id },
        createdAt: now,
        updatedAt: now,
      };
      this.#contacts.set(id, contact);
    }
    for (const [name, value] of Object.entries(properties)) {
      contact.properties[name] =
        value === null || value === undefined ? '' : String(value);
    }
    contact.properties.email = key;
    contact.properties.lastmodifieddate = now;
    contact.updatedAt = now;
    this.#byEmail.set(key, contact.id);
    return { contact, created };
  }

  /** A contact as batch answers show it: the default properties plus those asked for or written. */
  view(contact: HubSpotContact, shown: Iterable<string> = []) {
    const names = new Set([...DEFAULT_SHOWN, ...shown]);
    return {
      id: contact.id,
      properties: Object.fromEntries(
        [...names].map(n => [n, contact.properties[n] ?? null]),
      ),
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
      archived: false,
    };
  }

  lists(): HubSpotList[] {
    return [...this.#lists.values()];
  }

  list(listId: string): HubSpotList | undefined {
    return this.#lists.get(listId);
  }

  listByName(name: string): HubSpotList | undefined {
    return this.lists().find(l => l.name.toLowerCase() === name.toLowerCase());
  }

  createList(
    name: string,
    processingType: ProcessingType,
    listId?: string,
  ): HubSpotList {
    const now = this.#timestamp();
    let id = listId;
    if (!id) {
      do {
        this.#nextList += 1;
        id = String(this.#nextList);
      } while (this.#lists.has(id));
    }
    const list: HubSpotList = {
      listId: id,
      name,
      objectTypeId: CONTACTS_OBJECT_TYPE,
      processingType,
      listVersion: 1,
      createdAt: now,
      updatedAt: now,
      members: new Map(),
    };
    this.#lists.set(id, list);
    return list;
  }

  /** Adds existing contacts; returns the ids added and those that are no contact. Members are ignored. */
  addMembers(list: HubSpotList, recordIds: string[]) {
    const added: string[] = [];
    const missing: string[] = [];
    for (const id of new Set(recordIds)) {
      if (!this.#contacts.has(id)) missing.push(id);
      else if (!list.members.has(id)) {
        list.members.set(id, this.#timestamp());
        added.push(id);
      }
    }
    this.#touch(list, added.length);
    return { added, missing };
  }

  removeMembers(list: HubSpotList, recordIds: string[]) {
    const removed: string[] = [];
    const missing: string[] = [];
    for (const id of new Set(recordIds)) {
      if (!this.#contacts.has(id)) missing.push(id);
      else if (list.members.delete(id)) removed.push(id);
    }
    this.#touch(list, removed.length);
    return { removed, missing };
  }

  /** What a list's members read back as: their lower-cased emails. */
  memberEmails(listId: string): string[] {
    const list = this.#lists.get(listId);
    if (!list) return [];
    return [...list.members.keys()].map(
      id => this.#contacts.get(id)?.properties.email || id,
    );
  }

  #touch(list: HubSpotList, changes: number) {
    if (changes === 0) return;
    list.listVersion += 1;
    list.updatedAt = this.#timestamp();
  }

  #timestamp(): string {
    return new Date(this.#now()).toISOString();
  }
}
