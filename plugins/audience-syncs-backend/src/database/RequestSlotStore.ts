import { Knex } from 'knex';
import { isUniqueViolation } from './isUniqueViolation';

/**
 * The request slots every replica shares (`request_slots`): one row per request open at a vendor that
 * limits simultaneous connections, numbered below the limit, so that the primary key refuses a slot
 * taken twice. A slot whose holder died is free once it expires.
 */
export class RequestSlotStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new RequestSlotStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /** Takes one of `key`'s `max` slots for `holder` until `expiresAt`; undefined when all are held. */
  async claim(
    key: string,
    max: number,
    holder: string,
    expiresAt: number,
    now = Date.now(),
  ): Promise<number | undefined> {
    await this.#db('request_slots')
      .where({ key })
      .where('expires_at', '<=', now)
      .delete();
    const held = new Set(
      (await this.#db('request_slots').where({ key }).pluck('slot')).map(
        Number,
      ),
    );
    const free = [...Array(max).keys()].filter(slot => !held.has(slot));
    if (free.length === 0) return undefined;
    // A random free slot: replicas claiming at once rarely pick the same.
    const slot = free[Math.floor(Math.random() * free.length)];
    try {
      await this.#db('request_slots').insert({
        key,
        slot,
        holder,
        expires_at: expiresAt,
      });
      return slot;
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async release(key: string, slot: number, holder: string): Promise<void> {
    await this.#db('request_slots').where({ key, slot, holder }).delete();
  }

  /** The slots of `key` held now. */
  async held(key: string, now = Date.now()): Promise<number> {
    const [{ n }] = await this.#db('request_slots')
      .where({ key })
      .where('expires_at', '>', now)
      .count({ n: '*' });
    return Number(n);
  }
}
