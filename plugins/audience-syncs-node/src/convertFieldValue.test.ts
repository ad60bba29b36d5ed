import { convertFieldValue } from './convertFieldValue';

const value = (input: unknown, type: Parameters<typeof convertFieldValue>[1]) =>
  convertFieldValue(input, type);

describe('convertFieldValue', () => {
  it('keeps missing values as null for every type', () => {
    for (const type of [
      'string',
      'number',
      'boolean',
      'date',
      'datetime',
    ] as const) {
      expect(value(null, type)).toEqual({ ok: true, value: null });
      expect(value(undefined, type)).toEqual({ ok: true, value: null });
    }
  });

  it('reads numbers from numbers and numeric text', () => {
    expect(value('42', 'number')).toEqual({ ok: true, value: 42 });
    expect(value(' 19.5 ', 'number')).toEqual({ ok: true, value: 19.5 });
    expect(value(7, 'number')).toEqual({ ok: true, value: 7 });
    expect(value(BigInt(12), 'number')).toEqual({ ok: true, value: 12 });
    expect(value('abc', 'number')).toEqual({
      ok: false,
      reason: 'text that cannot be read as a number',
    });
    expect(value('', 'number')).toMatchObject({ ok: false });
    expect(value(true, 'number')).toEqual({
      ok: false,
      reason: 'a boolean that cannot be read as a number',
    });
    expect(value(Number.NaN, 'number')).toMatchObject({ ok: false });
  });

  it('reads booleans from booleans, 1/0 and their words', () => {
    expect(value('true', 'boolean')).toEqual({ ok: true, value: true });
    expect(value('1', 'boolean')).toEqual({ ok: true, value: true });
    expect(value(' No ', 'boolean')).toEqual({ ok: true, value: false });
    expect(value(0, 'boolean')).toEqual({ ok: true, value: false });
    expect(value(false, 'boolean')).toEqual({ ok: true, value: false });
    expect(value('maybe', 'boolean')).toMatchObject({ ok: false });
    expect(value(2, 'boolean')).toEqual({
      ok: false,
      reason: 'a number that cannot be read as a boolean',
    });
  });

  it('normalizes dates to YYYY-MM-DD, the day as written', () => {
    expect(value('2024-03-05', 'date')).toEqual({
      ok: true,
      value: '2024-03-05',
    });
    expect(value('2024-03-05T23:30:00-05:00', 'date')).toEqual({
      ok: true,
      value: '2024-03-05',
    });
    expect(value(new Date('2024-03-05T10:00:00Z'), 'date')).toEqual({
      ok: true,
      value: '2024-03-05',
    });
    expect(value('2024-02-30', 'date')).toMatchObject({ ok: false });
    expect(value('05/03/2024', 'date')).toEqual({
      ok: false,
      reason: 'text that cannot be read as a date',
    });
    expect(value(20240305, 'date')).toMatchObject({ ok: false });
  });

  it('normalizes date-times to ISO 8601 in UTC, text without a zone read as UTC', () => {
    expect(value('2024-03-05 10:15:00', 'datetime')).toEqual({
      ok: true,
      value: '2024-03-05T10:15:00.000Z',
    });
    expect(value('2024-03-05T23:30:00-05:00', 'datetime')).toEqual({
      ok: true,
      value: '2024-03-06T04:30:00.000Z',
    });
    expect(value('2024-03-05T10:15+0200', 'datetime')).toEqual({
      ok: true,
      value: '2024-03-05T08:15:00.000Z',
    });
    expect(value('2024-03-05', 'datetime')).toEqual({
      ok: true,
      value: '2024-03-05T00:00:00.000Z',
    });
    expect(value(new Date('invalid'), 'datetime')).toEqual({
      ok: false,
      reason: 'an invalid date that cannot be read as a datetime',
    });
    expect(value('yesterday', 'datetime')).toMatchObject({ ok: false });
  });

  it('writes numbers, booleans and dates as text, and leaves objects to the connector', () => {
    expect(value(42, 'string')).toEqual({ ok: true, value: '42' });
    expect(value(true, 'string')).toEqual({ ok: true, value: 'true' });
    expect(value({ city: 'Rome' }, 'string')).toEqual({
      ok: true,
      value: { city: 'Rome' },
    });
    expect(value(new Date('2024-03-05T10:00:00Z'), 'string')).toEqual({
      ok: true,
      value: '2024-03-05T10:00:00.000Z',
    });
  });
});
