import { Request } from 'express';
import { schemaKey } from './facebookSchema';

export interface FacebookPayload {
  schema: Array<{ key: string; hashed: boolean }>;
  /** One array of values per row, aligned with the schema. */
  data: string[][];
}

export type ReadPayloadResult =
  | { ok: true; payload: FacebookPayload }
  | { ok: false; message: string };

/**
 * The `payload` of a users request in any of the encodings seen in the wild: a JSON body
 * `{ payload: {…} }`, a form or JSON field holding the payload as a JSON string, or (the official Node SDK's
 * DELETE) a `payload` query parameter.
 */
export function readFacebookPayload(req: Request): ReadPayloadResult {
  const raw = req.body?.payload ?? req.query.payload;
  if (raw === undefined) {
    return { ok: false, message: 'The parameter payload is required' };
  }
  let payload: unknown = raw;
  if (typeof raw === 'string') {
    try {
      payload = JSON.parse(raw);
    } catch {
      return { ok: false, message: 'param payload must be a JSON object' };
    }
  }
  if (typeof payload !== 'object' || payload === null) {
    return { ok: false, message: 'param payload must be a JSON object' };
  }
  const { schema, data } = payload as { schema?: unknown; data?: unknown };

  const multiKey = Array.isArray(schema);
  const keys = multiKey ? schema : [schema];
  if (keys.length === 0 || keys.some(k => typeof k !== 'string')) {
    return { ok: false, message: 'payload.schema is required' };
  }
  const columns = [];
  for (const key of keys as string[]) {
    const known = schemaKey(key, multiKey) ?? schemaKey(key, !multiKey);
    if (!known) {
      return { ok: false, message: `Invalid schema key in payload: ${key}` };
    }
    columns.push({ key, hashed: known.hashed });
  }

  if (!Array.isArray(data) || data.length === 0) {
    return { ok: false, message: 'payload.data must be a non-empty array' };
  }
  const rows: string[][] = [];
  for (const [index, row] of data.entries()) {
    // A single-key upload may send bare values instead of one-element rows.
    const values = Array.isArray(row) ? row : [row];
    if (
      values.length !== columns.length ||
      values.some(v => typeof v !== 'string' && typeof v !== 'number')
    ) {
      return {
        ok: false,
        message: `payload.data[${index}] must hold ${columns.length} value(s), one per schema key`,
      };
    }
    rows.push(values.map(String));
  }
  return { ok: true, payload: { schema: columns, data: rows } };
}
