import { checkMergeFields } from './checkMergeFields';
import {
  MailchimpList,
  MailchimpStore,
  Member,
  MEMBER_STATUSES,
  MemberStatus,
} from './MailchimpStore';

/** One `errors[]` entry of a batch subscribe. */
export interface MemberError {
  email_address: string;
  error: string;
  error_code: 'ERROR_CONTACT_EXISTS' | 'ERROR_GENERIC';
  field: string;
  field_message: string;
}

export type UpsertResult =
  | { ok: true; created: boolean; member: Member }
  | { ok: false; error: MemberError };

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** A new contact cannot start out cleaned. */
const NEW_STATUSES: MemberStatus[] = [
  'subscribed',
  'unsubscribed',
  'pending',
  'transactional',
];

/**
 * Adds or updates one member as batch subscribe and `PUT members/{hash}` do. Batch subscribe requires
 * `status` of every member (it has no `status_if_new`): a new member takes it, an existing one is
 * refused unless `updateExisting`, and then takes it too. `PUT` takes `status_if_new` for a new member
 * (else `status`) and leaves an existing one's status alone unless `status` is given. Tags of a new
 * member are applied (created when missing).
 */
export function upsertMember(
  store: MailchimpStore,
  list: MailchimpList,
  input: Record<string, unknown>,
  options: {
    request: 'batch' | 'put';
    updateExisting: boolean;
    skipMergeValidation: boolean;
  },
): UpsertResult {
  const raw = input?.email_address;
  const email = typeof raw === 'string' ? raw.trim() : '';
  const fail = (
    error: string,
    field: string,
    fieldMessage: string,
    code: MemberError['error_code'] = 'ERROR_GENERIC',
  ): UpsertResult => ({
    ok: false,
    error: {
      email_address: email,
      error,
      error_code: code,
      field,
      field_message: fieldMessage,
    },
  });
  if (!EMAIL.test(email)) {
    return fail(
      `${email} looks fake or invalid, please enter a real email address.`,
      'email_address',
      'Invalid email address',
    );
  }
  if (options.request === 'batch' && input.status === undefined) {
    return fail(
      `${email} needs a status (${NEW_STATUSES.join(', ')}) to be subscribed.`,
      'status',
      'This value should not be blank.',
    );
  }
  const existing = store.member(list, email);
  if (existing && !options.updateExisting) {
    return fail(
      `${email} is already a list member. Use PUT to insert or update list members.`,
      'email_address',
      'Contact exists',
      'ERROR_CONTACT_EXISTS',
    );
  }
  const keys =
    options.request === 'batch' ? ['status'] : ['status', 'status_if_new'];
  for (const key of keys) {
    const value = input[key];
    if (
      value !== undefined &&
      !(MEMBER_STATUSES as readonly unknown[]).includes(value)
    ) {
      return fail(
        `Invalid ${key} '${String(value)}' for ${email}.`,
        key,
        `Must be one of ${MEMBER_STATUSES.join(', ')}`,
      );
    }
  }
  const merge = checkMergeFields(list, input.merge_fields, {
    isNew: !existing,
    skipValidation: options.skipMergeValidation,
  });
  if (!merge.ok) {
    return fail(
      'Your merge fields were invalid.',
      `merge_fields.${merge.tag}`,
      merge.message,
    );
  }
  if (existing) {
    store.updateMember(existing, {
      status: input.status as MemberStatus | undefined,
      mergeFields: merge.values,
    });
    return { ok: true, created: false, member: existing };
  }
  const status = (
    options.request === 'batch'
      ? input.status
      : input.status_if_new ?? input.status
  ) as MemberStatus | undefined;
  const statusKey = options.request === 'batch' ? 'status' : 'status_if_new';
  if (!status || !NEW_STATUSES.includes(status)) {
    return fail(
      `${email} needs a ${statusKey} of ${NEW_STATUSES.join(
        ', ',
      )} to be added.`,
      statusKey,
      'A new contact needs a status',
    );
  }
  const member = store.addMember(list, email, status, merge.values);
  if (Array.isArray(input.tags)) {
    for (const name of input.tags) {
      if (typeof name !== 'string' || name.trim() === '') continue;
      const segment = store.segmentNamed(list, name.trim());
      if (segment?.type === 'saved') continue;
      store.tag(
        segment ?? store.createSegment(list, name.trim(), 'static'),
        member,
      );
    }
  }
  return { ok: true, created: true, member };
}
