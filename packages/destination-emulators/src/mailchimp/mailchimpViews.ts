import {
  MailchimpList,
  MailchimpStore,
  Member,
  MergeField,
  Segment,
} from './MailchimpStore';

/** A list member as the API shows it. */
export function memberView(store: MailchimpStore, member: Member) {
  const tags = store.tagsOf(member).map(s => ({ id: s.id, name: s.name }));
  return {
    id: member.id,
    email_address: member.email_address,
    unique_email_id: member.unique_email_id,
    status: member.status,
    merge_fields: member.merge_fields,
    list_id: member.list_id,
    timestamp_signup: member.timestamp_signup,
    last_changed: member.last_changed,
    tags_count: tags.length,
    tags,
  };
}

export function segmentView(segment: Segment) {
  return {
    id: segment.id,
    name: segment.name,
    member_count: segment.members.size,
    type: segment.type,
    created_at: segment.created_at,
    updated_at: segment.updated_at,
    list_id: segment.list_id,
  };
}

export function listView(list: MailchimpList) {
  const members = [...list.members.values()];
  const count = (status: string) =>
    members.filter(m => m.status === status).length;
  return {
    id: list.id,
    name: list.name,
    contact: list.contact,
    permission_reminder: list.permission_reminder,
    campaign_defaults: list.campaign_defaults,
    email_type_option: list.email_type_option,
    date_created: list.date_created,
    stats: {
      member_count: count('subscribed'),
      unsubscribe_count: count('unsubscribed'),
      cleaned_count: count('cleaned'),
      total_contacts: members.length,
    },
  };
}

export function mergeFieldView(field: MergeField) {
  return { ...field };
}

/** `count` (default 10, at most 1,000) and `offset` of a collection request. */
export function page<T>(items: T[], query: Record<string, unknown>): T[] {
  const count = Math.min(1000, Math.max(1, Number(query.count) || 10));
  const offset = Math.max(0, Number(query.offset) || 0);
  return items.slice(offset, offset + count);
}
