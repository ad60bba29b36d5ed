import { DestinationFieldSchema } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** How long described fields are reused: the builder's page and its validation ask in turn. */
export const FIELD_SCHEMA_TTL_MS = 60_000;

/**
 * The fields the builder asked for, kept a minute per destination and object so that its pages do not list
 * a vendor's fields (hundreds of HubSpot properties) on every render. Failures are not kept. Saving a sync
 * and each run read the vendor afresh, so a field deleted there is caught.
 */
export class FieldSchemaCache {
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #entries = new Map<
    string,
    { at: number; schema: Promise<DestinationFieldSchema> }
  >();

  static create(options: { ttlMs?: number; now?: () => number } = {}) {
    return new FieldSchemaCache(
      options.ttlMs ?? FIELD_SCHEMA_TTL_MS,
      options.now ?? Date.now,
    );
  }

  private constructor(ttlMs: number, now: () => number) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(
    key: string,
    load: () => Promise<DestinationFieldSchema>,
  ): Promise<DestinationFieldSchema> {
    const hit = this.#entries.get(key);
    if (hit && this.#now() - hit.at < this.#ttlMs) return hit.schema;
    const schema = load();
    this.#entries.set(key, { at: this.#now(), schema });
    schema.catch(() => {
      if (this.#entries.get(key)?.schema === schema) this.#entries.delete(key);
    });
    return schema;
  }
}
