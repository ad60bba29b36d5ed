import { randomBytes } from 'node:crypto';

/** Keys of an attributes object that identify the user or steer the update rather than set an attribute. */
const CONTROL_KEYS = new Set([
  'external_id',
  'braze_id',
  'user_alias',
  '_update_existing_only',
]);

/** Standard profile attributes: exported beside `custom_attributes`, not inside. */
export const STANDARD_ATTRIBUTES = new Set([
  'country',
  'current_location',
  'date_of_first_session',
  'date_of_last_session',
  'dob',
  'email',
  'email_subscribe',
  'email_open_tracking_disabled',
  'email_click_tracking_disabled',
  'facebook',
  'first_name',
  'gender',
  'home_city',
  'language',
  'last_name',
  'marked_email_as_spam_at',
  'phone',
  'push_subscribe',
  'push_tokens',
  'time_zone',
  'twitter',
]);

export interface BrazeUser {
  brazeId: string;
  externalId?: string;
  /** How the user reads back: its external id, else the email or phone it was created from. */
  key: string;
  /** Standard and custom attributes; `email` and `phone` included. */
  attributes: Record<string, unknown>;
  updatedAt: number;
}

/** A change of membership: `value` entered or left a tracked array attribute of the user. */
export interface MembershipChange {
  value: string;
  change: 'add' | 'remove';
  /** The user as read back (`BrazeUser.key`). */
  userKey: string;
}

export interface BrazeUserStoreOptions {
  /** Longest array attribute; extra elements drop off the front (the oldest). */
  arrayLimit: number;
  /** Array attributes whose values are memberships (the emulator's objects). */
  membershipAttributes: string[];
  now: () => number;
}

/**
 * The users of one Braze workspace and the `/users/track` attribute semantics: users found
 * by external id, Braze id, email or phone (in that order; email wins over phone), created from an external
 * id, email or phone unless `_update_existing_only`. Aliases only ever update, and as the emulator
 * has no `/users/alias/new`, an object naming only an alias finds nobody. `null` unsets an
 * attribute, and array attributes changed with `{ add, remove }` as a set: removes first, then adds, a
 * re-added value moves to the end, and the oldest values drop off past the limit.
 */
export class BrazeUserStore {
  readonly #options: BrazeUserStoreOptions;
  readonly #users = new Map<string, BrazeUser>();
  readonly #byExternalId = new Map<string, BrazeUser>();
  /** Users by lowercased email and by phone digits: lookups stay O(1) in workspaces of millions. */
  readonly #byEmail = new Map<string, Set<BrazeUser>>();
  readonly #byPhone = new Map<string, Set<BrazeUser>>();
  /** Creation order, which breaks ties between equally recent users as a scan in order would. */
  readonly #created = new Map<BrazeUser, number>();
  /** Every membership value ever held, so an object stays listed once emptied. */
  readonly #values = new Set<string>();

  static create(options: BrazeUserStoreOptions) {
    return new BrazeUserStore(options);
  }

  private constructor(options: BrazeUserStoreOptions) {
    this.#options = options;
  }

  get size(): number {
    return this.#users.size;
  }

  reset(): void {
    this.#users.clear();
    this.#byExternalId.clear();
    this.#byEmail.clear();
    this.#byPhone.clear();
    this.#created.clear();
    this.#values.clear();
  }

  /** The membership values users have held, in the order first seen. */
  values(): string[] {
    return [...this.#values];
  }

  /** The user an identifying object points at, without creating one. */
  find(object: Record<string, unknown>): BrazeUser | undefined {
    if (typeof object.external_id === 'string') {
      return this.#byExternalId.get(object.external_id);
    }
    if (typeof object.braze_id === 'string') {
      return this.#users.get(object.braze_id);
    }
    if (aliasOf(object.user_alias)) return undefined;
    if (typeof object.email === 'string') {
      return this.#latest(this.#byEmail.get(object.email.toLowerCase()));
    }
    if (typeof object.phone === 'string') {
      return this.#latest(this.#byPhone.get(digits(object.phone)));
    }
    return undefined;
  }

  /**
   * Applies one valid attributes object: finds or creates its user and sets its attributes. Returns the
   * membership changes it made, in order, or undefined when the object named no existing user and could
   * not create one (update-only mode, an alias, an unknown Braze id): Braze drops those silently.
   */
  track(object: Record<string, unknown>): MembershipChange[] | undefined {
    let user = this.find(object);
    if (!user) {
      const updateOnly =
        object._update_existing_only === true ||
        typeof object.braze_id === 'string' ||
        (typeof object.external_id !== 'string' && aliasOf(object.user_alias));
      if (updateOnly) return undefined;
      user = this.#create(object);
    }
    const before = this.#memberships(user);
    for (const [key, value] of Object.entries(object)) {
      if (CONTROL_KEYS.has(key)) continue;
      this.#set(user, key, value);
    }
    user.updatedAt = this.#options.now();
    const after = this.#memberships(user);
    const userKey = user.key;
    const changes: MembershipChange[] = [];
    for (const value of before) {
      if (!after.has(value)) changes.push({ value, change: 'remove', userKey });
    }
    for (const value of after) {
      this.#values.add(value);
      if (!before.has(value)) changes.push({ value, change: 'add', userKey });
    }
    return changes;
  }

  /** Users as `/users/export/ids` shows them. */
  exported(user: BrazeUser): Record<string, unknown> {
    const standard: Record<string, unknown> = {};
    const custom: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(user.attributes)) {
      (STANDARD_ATTRIBUTES.has(key) ? standard : custom)[key] = value;
    }
    return {
      braze_id: user.brazeId,
      ...(user.externalId ? { external_id: user.externalId } : {}),
      ...standard,
      custom_attributes: custom,
    };
  }

  #create(object: Record<string, unknown>): BrazeUser {
    const externalId =
      typeof object.external_id === 'string' ? object.external_id : undefined;
    const user: BrazeUser = {
      brazeId: randomBytes(12).toString('hex'),
      externalId,
      key: externalId ?? String(object.email ?? object.phone),
      attributes: {},
      updatedAt: this.#options.now(),
    };
    this.#users.set(user.brazeId, user);
    this.#created.set(user, this.#created.size);
    if (externalId) this.#byExternalId.set(externalId, user);
    return user;
  }

  /** The most recently updated of `users`; the later created on a tie. */
  #latest(users: Set<BrazeUser> | undefined): BrazeUser | undefined {
    let found: BrazeUser | undefined;
    for (const user of users ?? []) {
      if (
        !found ||
        user.updatedAt > found.updatedAt ||
        (user.updatedAt === found.updatedAt &&
          this.#created.get(user)! > this.#created.get(found)!)
      ) {
        found = user;
      }
    }
    return found;
  }

  /** Keeps the email and phone indexes in step with an attribute about to change. */
  #reindex(user: BrazeUser, key: string, next: unknown): void {
    const indexes = {
      email: { users: this.#byEmail, lookup: (v: string) => v.toLowerCase() },
      phone: { users: this.#byPhone, lookup: digits },
    };
    if (key !== 'email' && key !== 'phone') return;
    const { users: index, lookup } = indexes[key];
    const previous = user.attributes[key];
    if (typeof previous === 'string') {
      const users = index.get(lookup(previous));
      users?.delete(user);
      if (users?.size === 0) index.delete(lookup(previous));
    }
    if (typeof next === 'string') {
      const users = index.get(lookup(next)) ?? new Set();
      users.add(user);
      index.set(lookup(next), users);
    }
  }

  #set(user: BrazeUser, key: string, value: unknown): void {
    const { arrayLimit } = this.#options;
    this.#reindex(user, key, value);
    if (value === null) {
      delete user.attributes[key];
      return;
    }
    if (isArrayOperation(value)) {
      const current = Array.isArray(user.attributes[key])
        ? (user.attributes[key] as unknown[]).map(String)
        : [];
      const removed = new Set((value.remove ?? []).map(String));
      let next = current.filter(v => !removed.has(v));
      for (const added of (value.add ?? []).map(String)) {
        next = next.filter(v => v !== added);
        next.push(added);
      }
      user.attributes[key] = next.slice(Math.max(0, next.length - arrayLimit));
      return;
    }
    if (Array.isArray(value)) {
      // Set as given, without duplicates; past the limit the first values are kept.
      user.attributes[key] = [...new Set(value.map(String))].slice(
        0,
        arrayLimit,
      );
      return;
    }
    user.attributes[key] = value;
  }

  #memberships(user: BrazeUser): Set<string> {
    const values = new Set<string>();
    for (const attribute of this.#options.membershipAttributes) {
      const held = user.attributes[attribute];
      if (Array.isArray(held)) for (const v of held) values.add(String(v));
    }
    return values;
  }
}

/** `{ add?: [...], remove?: [...] }` and nothing else: Braze's array-attribute operation. */
export function isArrayOperation(
  value: unknown,
): value is { add?: unknown[]; remove?: unknown[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return (
    keys.length > 0 &&
    keys.every(
      k =>
        (k === 'add' || k === 'remove') &&
        Array.isArray((value as Record<string, unknown>)[k]),
    )
  );
}

export function aliasOf(
  value: unknown,
): { alias_name: string; alias_label: string } | undefined {
  const alias = value as
    | { alias_name?: unknown; alias_label?: unknown }
    | undefined;
  return typeof alias?.alias_name === 'string' &&
    alias.alias_name !== '' &&
    typeof alias.alias_label === 'string' &&
    alias.alias_label !== ''
    ? { alias_name: alias.alias_name, alias_label: alias.alias_label }
    : undefined;
}

function digits(phone: string): string {
  return phone.replace(/[^\d]/g, '');
}
