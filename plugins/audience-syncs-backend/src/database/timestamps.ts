/** The store writes ISO 8601 strings; PostgreSQL reads them back as Dates, SQLite as strings. */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

export function toIsoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toIso(value);
}

export function nowIso(): string {
  return new Date().toISOString();
}
