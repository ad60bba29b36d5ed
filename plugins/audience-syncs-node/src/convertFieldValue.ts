import { DestinationFieldType } from '@signalsmith/backstage-plugin-audience-syncs-common';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

const BOOLEAN_TEXT: Record<string, boolean | undefined> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
};

const CONVERTERS: Record<DestinationFieldType, (value: unknown) => unknown> = {
  string: value => {
    if (value instanceof Date) return isoOf(value);
    // Structured values (a Mailchimp address) are the connector's to shape.
    return typeof value === 'object' ? value : String(value);
  },
  number: value => {
    if (typeof value === 'number')
      return Number.isFinite(value) ? value : undefined;
    if (typeof value === 'bigint') return Number(value);
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    const number = Number(value.trim());
    return Number.isFinite(number) ? number : undefined;
  },
  boolean: value => {
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === 0) return value === 1;
    if (typeof value !== 'string') return undefined;
    return BOOLEAN_TEXT[value.trim().toLowerCase()];
  },
  date: value =>
    value instanceof Date ? isoOf(value)?.slice(0, 10) : readIso(value)?.day,
  datetime: value =>
    value instanceof Date ? isoOf(value) : readIso(value)?.instant,
};

/**
 * ISO text as the day it names (as written, whatever its zone) and the instant in UTC; undefined for other
 * text and for days that do not exist (`2024-02-30`).
 */
function readIso(value: unknown): { day: string; instant: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = ISO.exec(value.trim());
  if (!parts) return undefined;
  const [, year, month, dayOfMonth, time = '00:00', zone = 'Z'] = parts;
  const day = `${year}-${month}-${dayOfMonth}`;
  const utcDay = new Date(`${day}T00:00:00Z`);
  if (isoOf(utcDay)?.slice(0, 10) !== day) return undefined;
  const offset = /^[+-]\d{4}$/.test(zone)
    ? `${zone.slice(0, 3)}:${zone.slice(3)}`
    : zone.toUpperCase();
  const instant = isoOf(new Date(`${day}T${time}${offset}`));
  return instant ? { day, instant } : undefined;
}

function isoOf(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The kind of a value for a reason, without the value itself (it may be personal data). */
function describeValue(value: unknown): string {
  if (value instanceof Date) return 'an invalid date';
  if (typeof value === 'string')
    return value.trim() === '' ? 'empty text' : 'text';
  if (Array.isArray(value)) return 'a list';
  const kind = typeof value;
  return kind === 'object' ? 'an object' : `a ${kind}`;
}

/**
 * A mapped value as a field of `type` takes it, or why it cannot be: `null` and `undefined` stay `null`
 * (the field is cleared); numbers from numeric text; booleans from `true`/`false`, `1`/`0` and `yes`/`no`;
 * dates as `YYYY-MM-DD` and date-times as ISO 8601 in UTC (the forms every built-in vendor takes), read from
 * `Date`s and ISO text (text without a zone is read as UTC, as warehouses write timestamps); text from
 * other numbers, booleans and dates, while objects are left for the connector to shape.
 *
 * @public
 */
export function convertFieldValue(
  value: unknown,
  type: DestinationFieldType,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (value === null || value === undefined) return { ok: true, value: null };
  const converted = CONVERTERS[type](value);
  return converted === undefined
    ? {
        ok: false,
        reason: `${describeValue(value)} that cannot be read as a ${type}`,
      }
    : { ok: true, value: converted };
}
