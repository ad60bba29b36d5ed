import { createHash, randomBytes } from 'node:crypto';
import { MembershipLedger } from '../framework/MembershipLedger';

export const MEMBER_STATUSES = [
  'subscribed',
  'unsubscribed',
  'cleaned',
  'pending',
  'transactional',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const MERGE_FIELD_TYPES = [
  'text',
  'number',
  'address',
  'phone',
  'date',
  'url',
  'imageurl',
  'radio',
  'dropdown',
  'birthday',
  'zip',
] as const;
export type MergeFieldType = (typeof MERGE_FIELD_TYPES)[number];

export interface MergeField {
  merge_id: number;
  tag: string;
  name: string;
  type: MergeFieldType;
  required: boolean;
  default_value: string;
  public: boolean;
  display_order: number;
  list_id: string;
}

export interface Member {
  /** The subscriber hash: MD5 of the lower-cased email. */
  id: string;
  email_address: string;
  unique_email_id: string;
  status: MemberStatus;
  merge_fields: Record<string, unknown>;
  list_id: string;
  timestamp_signup: string;
  last_changed: string;
}

export interface Segment {
  id: number;
  name: string;
  type: 'static' | 'saved';
  list_id: string;
  created_at: string;
  updated_at: string;
  /** Subscriber hashes. */
  members: Set<string>;
}

export interface MailchimpList {
  id: string;
  name: string;
  contact: Record<string, unknown>;
  permission_reminder: string;
  campaign_defaults: Record<string, unknown>;
  email_type_option: boolean;
  date_created: string;
  mergeFields: MergeField[];
  members: Map<string, Member>;
}

/** A list that exists from the start, with merge fields beyond the defaults and tags. */
export interface SeedMailchimpList {
  id: string;
  name: string;
  mergeFields?: ReadonlyArray<{
    tag: string;
    name: string;
    type: MergeFieldType;
    required?: boolean;
  }>;
  tags?: ReadonlyArray<{ id: number; name: string }>;
}

/** The merge fields every new audience has. */
const DEFAULT_MERGE_FIELDS: Array<[string, string, MergeFieldType]> = [
  ['FNAME', 'First Name', 'text'],
  ['LNAME', 'Last Name', 'text'],
  ['ADDRESS', 'Address', 'address'],
  ['PHONE', 'Phone Number', 'phone'],
  ['BIRTHDAY', 'Birthday', 'birthday'],
];

/** `md5(lowercase(trim(email)))` in hex. */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}

/**
 * The audiences (lists) of one Mailchimp account: members keyed by subscriber hash, merge fields, and
 * segments, of which the static ones are tags. Tag membership is mirrored into the ledger (object =
 * segment id, identifier = the member's email) for read-back.
 */
export class MailchimpStore {
  readonly #seeds: SeedMailchimpList[];
  readonly #ledger: MembershipLedger;
  readonly #now: () => number;
  readonly #lists = new Map<string, MailchimpList>();
  readonly #segments = new Map<number, Segment>();
  #nextSegmentId = 0;
  #nextMergeId = 0;

  static create(options: {
    seeds: SeedMailchimpList[];
    ledger: MembershipLedger;
    now: () => number;
  }) {
    const store = new MailchimpStore(options);
    store.reset();
    return store;
  }

  private constructor(options: {
    seeds: SeedMailchimpList[];
    ledger: MembershipLedger;
    now: () => number;
  }) {
    this.#seeds = options.seeds;
    this.#ledger = options.ledger;
    this.#now = options.now;
  }

  reset(): void {
    this.#lists.clear();
    this.#segments.clear();
    this.#nextSegmentId = 10_000;
    this.#nextMergeId = 0;
    for (const seed of this.#seeds) {
      const list = this.createList({ id: seed.id, name: seed.name });
      for (const field of seed.mergeFields ?? []) {
        this.addMergeField(list, field);
      }
      for (const tag of seed.tags ?? []) {
        this.#nextSegmentId = Math.max(this.#nextSegmentId, tag.id);
        this.#segments.set(tag.id, this.#newSegment(tag.id, tag.name, list));
      }
    }
  }

  lists(): MailchimpList[] {
    return [...this.#lists.values()];
  }

  list(id: string): MailchimpList | undefined {
    return this.#lists.get(id);
  }

  createList(
    fields: Partial<Omit<MailchimpList, 'mergeFields' | 'members'>> & {
      name: string;
    },
  ): MailchimpList {
    const list: MailchimpList = {
      id: fields.id ?? randomBytes(5).toString('hex'),
      name: fields.name,
      contact: fields.contact ?? {},
      permission_reminder: fields.permission_reminder ?? '',
      campaign_defaults: fields.campaign_defaults ?? {},
      email_type_option: fields.email_type_option ?? false,
      date_created: this.#iso(),
      mergeFields: [],
      members: new Map(),
    };
    this.#lists.set(list.id, list);
    for (const [tag, name, type] of DEFAULT_MERGE_FIELDS) {
      this.addMergeField(list, { tag, name, type });
    }
    return list;
  }

  addMergeField(
    list: MailchimpList,
    field: {
      tag: string;
      name: string;
      type: MergeFieldType;
      required?: boolean;
    },
  ): MergeField {
    this.#nextMergeId += 1;
    const merge: MergeField = {
      merge_id: this.#nextMergeId,
      tag: field.tag.toUpperCase(),
      name: field.name,
      type: field.type,
      required: field.required ?? false,
      default_value: '',
      public: true,
      display_order: list.mergeFields.length + 2,
      list_id: list.id,
    };
    list.mergeFields.push(merge);
    return merge;
  }

  segments(listId?: string): Segment[] {
    return [...this.#segments.values()].filter(
      s => listId === undefined || s.list_id === listId,
    );
  }

  segment(list: MailchimpList, id: string): Segment | undefined {
    const segment = this.#segments.get(Number(id));
    return /^\d+$/.test(id) && segment?.list_id === list.id
      ? segment
      : undefined;
  }

  /** The segment of that name (names are unique per list, ignoring case), of the given type if one is given. */
  segmentNamed(
    list: MailchimpList,
    name: string,
    type?: Segment['type'],
  ): Segment | undefined {
    return this.segments(list.id).find(
      s =>
        s.name.toLowerCase() === name.toLowerCase() &&
        (type === undefined || s.type === type),
    );
  }

  createSegment(
    list: MailchimpList,
    name: string,
    type: Segment['type'],
  ): Segment {
    this.#nextSegmentId += 1;
    const segment = this.#newSegment(this.#nextSegmentId, name, list, type);
    this.#segments.set(segment.id, segment);
    return segment;
  }

  /** Adds a list member to a tag; false when it already was in it. */
  tag(segment: Segment, member: Member): boolean {
    if (segment.members.has(member.id)) return false;
    segment.members.add(member.id);
    segment.updated_at = this.#iso();
    this.#ledger.accept(String(segment.id), 'add', [member.email_address]);
    return true;
  }

  /** Takes a list member out of a tag; false when it was not in it. */
  untag(segment: Segment, member: Member): boolean {
    if (!segment.members.delete(member.id)) return false;
    segment.updated_at = this.#iso();
    this.#ledger.accept(String(segment.id), 'remove', [member.email_address]);
    return true;
  }

  /** The tags a member is in. */
  tagsOf(member: Member): Segment[] {
    return this.segments(member.list_id).filter(
      s => s.type === 'static' && s.members.has(member.id),
    );
  }

  member(list: MailchimpList, email: string): Member | undefined {
    return list.members.get(subscriberHash(email));
  }

  addMember(
    list: MailchimpList,
    email: string,
    status: MemberStatus,
    mergeFields: Record<string, unknown>,
  ): Member {
    const now = this.#iso();
    const member: Member = {
      id: subscriberHash(email),
      email_address: email.trim(),
      unique_email_id: randomBytes(5).toString('hex'),
      status,
      merge_fields: defaults(list, mergeFields),
      list_id: list.id,
      timestamp_signup: now,
      last_changed: now,
    };
    list.members.set(member.id, member);
    return member;
  }

  updateMember(
    member: Member,
    changes: { status?: MemberStatus; mergeFields?: Record<string, unknown> },
  ): void {
    if (changes.status) member.status = changes.status;
    if (changes.mergeFields) {
      member.merge_fields = { ...member.merge_fields, ...changes.mergeFields };
    }
    member.last_changed = this.#iso();
  }

  #newSegment(
    id: number,
    name: string,
    list: MailchimpList,
    type: Segment['type'] = 'static',
  ): Segment {
    const now = this.#iso();
    return {
      id,
      name,
      type,
      list_id: list.id,
      created_at: now,
      updated_at: now,
      members: new Set(),
    };
  }

  #iso(): string {
    return new Date(this.#now()).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  }
}

/** Every merge field of the list, empty where the member gives no value. */
function defaults(
  list: MailchimpList,
  given: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    list.mergeFields.map(f => [f.tag, given[f.tag] ?? f.default_value]),
  );
}
