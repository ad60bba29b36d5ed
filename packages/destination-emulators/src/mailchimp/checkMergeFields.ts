import { MailchimpList } from './MailchimpStore';

export type MergeFieldsCheck =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; tag: string; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BIRTHDAY = /^\d{2}\/\d{2}$/;

/**
 * A member's `merge_fields` checked against the list's: values of known tags (any case) converted to
 * their type, tags the list lacks left out (assumption: Mailchimp ignores them), and, unless validation is
 * skipped, required fields of a new member filled.
 */
export function checkMergeFields(
  list: MailchimpList,
  given: unknown,
  options: { isNew: boolean; skipValidation: boolean },
): MergeFieldsCheck {
  if (given !== undefined && (typeof given !== 'object' || given === null)) {
    return {
      ok: false,
      tag: 'merge_fields',
      message: 'merge_fields must be an object',
    };
  }
  const byTag = new Map(
    Object.entries((given ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k.toUpperCase(),
      v,
    ]),
  );
  const values: Record<string, unknown> = {};
  for (const field of list.mergeFields) {
    if (!byTag.has(field.tag)) {
      if (
        field.required &&
        options.isNew &&
        !options.skipValidation &&
        field.default_value === ''
      ) {
        return { ok: false, tag: field.tag, message: 'Please enter a value' };
      }
      continue;
    }
    const value = byTag.get(field.tag);
    const converted = convert(field.type, value);
    if (converted === undefined) {
      return {
        ok: false,
        tag: field.tag,
        message: `Please enter a valid ${field.type}`,
      };
    }
    if (
      converted === '' &&
      field.required &&
      options.isNew &&
      !options.skipValidation
    ) {
      return { ok: false, tag: field.tag, message: 'Please enter a value' };
    }
    values[field.tag] = converted;
  }
  return { ok: true, values };
}

/** The stored value, or undefined when it does not fit the type. Empty text clears a field of any type. */
function convert(type: string, value: unknown): unknown {
  if (value === '') return '';
  switch (type) {
    case 'number': {
      const number = typeof value === 'number' ? value : Number(value);
      return typeof value !== 'boolean' &&
        value !== null &&
        Number.isFinite(number)
        ? number
        : undefined;
    }
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? value : undefined;
    case 'birthday':
      return typeof value === 'string' && BIRTHDAY.test(value)
        ? value
        : undefined;
    case 'address':
      return typeof value === 'object' &&
        value !== null &&
        ['addr1', 'city', 'state', 'zip'].every(
          k => typeof (value as Record<string, unknown>)[k] === 'string',
        )
        ? value
        : undefined;
    default:
      return typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : undefined;
  }
}
