import { Knex } from 'knex';

/** A vendor's request budget: `capacity` tokens, refilled at `refillPerMs`. */
export interface BudgetRate {
  capacity: number;
  refillPerMs: number;
}

/** What a take got: `granted` tokens, or none and how long until one is due. */
export interface BudgetTake {
  granted: number;
  waitMs: number;
}

type BudgetRow = {
  key: string;
  tokens: number;
  updated_at: number | string;
  paused_until: number | string;
};

/**
 * The token buckets every replica takes from (`rate_budgets`), one row per destination account. A take is
 * one short transaction that locks the row (`SELECT … FOR UPDATE` where the database has it; SQLite runs
 * one writer at a time anyway), refills it for the time since the last take, and takes what is there.
 * Times come from the replicas' clocks; a clock behind the last take refills nothing rather than going back.
 */
export class RateBudgetStore {
  readonly #db: Knex;
  readonly #locks: boolean;

  static create(options: { knex: Knex }) {
    return new RateBudgetStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
    this.#locks = !/sqlite/.test(String(db.client.config.client));
  }

  /** Takes up to `want` tokens (at least one, or none) from `key`'s bucket, which starts full. */
  async take(
    key: string,
    rate: BudgetRate,
    want: number,
    now = Date.now(),
  ): Promise<BudgetTake> {
    return this.#db.transaction(async tx => {
      const read = () => {
        const query = tx<BudgetRow>('rate_budgets').where({ key }).first();
        return this.#locks ? query.forUpdate() : query;
      };
      let row = await read();
      if (!row) {
        await this.#ensure(tx, key, rate.capacity, now);
        row = (await read())!;
      }
      const pausedUntil = Number(row.paused_until);
      if (pausedUntil > now) return { granted: 0, waitMs: pausedUntil - now };
      const updatedAt = Math.max(Number(row.updated_at), now);
      const elapsed = Math.max(0, now - Number(row.updated_at));
      const tokens = Math.min(
        rate.capacity,
        Number(row.tokens) + elapsed * rate.refillPerMs,
      );
      const granted = Math.min(want, Math.floor(tokens));
      await tx('rate_budgets')
        .where({ key })
        .update({ tokens: tokens - granted, updated_at: updatedAt });
      return granted > 0
        ? { granted, waitMs: 0 }
        : { granted: 0, waitMs: Math.ceil((1 - tokens) / rate.refillPerMs) };
    });
  }

  /** Until when every replica waits before its next request to `key` (0 when it need not). */
  async pausedUntil(key: string): Promise<number> {
    const row = await this.#db<BudgetRow>('rate_budgets')
      .where({ key })
      .first('paused_until');
    return row ? Number(row.paused_until) : 0;
  }

  /** Makes every replica wait until `until` (the later of this and an earlier pause). */
  async pause(key: string, until: number, now = Date.now()): Promise<void> {
    // A bucket first made by a pause starts empty: never more than the budget.
    await this.#ensure(this.#db, key, 0, now);
    await this.#db('rate_budgets')
      .where({ key })
      .where('paused_until', '<', until)
      .update({ paused_until: until });
  }

  async #ensure(
    db: Knex,
    key: string,
    tokens: number,
    now: number,
  ): Promise<void> {
    await db('rate_budgets')
      .insert({ key, tokens, updated_at: now, paused_until: 0 })
      .onConflict('key')
      .ignore();
  }
}
