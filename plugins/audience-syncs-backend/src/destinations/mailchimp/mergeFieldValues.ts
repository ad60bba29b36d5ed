/** A merge field of the audience: its tag (upper case) and type. */
export interface MergeFieldInfo {
  tag: string;
  type: string;
}

/**
 * A row's mapped fields as `merge_fields`, under the audience's own tags (matched ignoring case), each value
 * shaped for the field's type: missing values clear the field (''), dates become `YYYY-MM-DD` (birthdays
 * `MM/DD`), numbers stay numbers, address objects stay objects, anything else is text.
 */
export function mergeFieldValues(
  fields: Record<string, unknown>,
  byTag: Map<string, MergeFieldInfo>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const field = byTag.get(name.toUpperCase());
    if (field) values[field.tag] = valueFor(field.type, value);
  }
  return values;
}

function valueFor(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return '';
  const date = dateOf(value);
  switch (type) {
    case 'number':
      if (typeof value === 'number') return value;
      return typeof value === 'string' &&
        value.trim() !== '' &&
        Number.isFinite(Number(value))
        ? Number(value)
        : String(value);
    case 'date':
      return date ?? String(value);
    case 'birthday':
      return date ? `${date.slice(5, 7)}/${date.slice(8, 10)}` : String(value);
    case 'address':
      return typeof value === 'object' ? value : String(value);
    default:
      return value instanceof Date ? value.toISOString() : String(value);
  }
}

/** `YYYY-MM-DD` of a date or of text that starts with one. */
function dateOf(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    return value.slice(0, 10);
  }
  return undefined;
}
