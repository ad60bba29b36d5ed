import { RateBudgetStore } from '../database/RateBudgetStore';
import { RateLimiter } from './RateLimiter';
import { RequestBudget, VendorRate } from './RequestBudget';
import { SharedRateLimiter } from './SharedRateLimiter';

/**
 * One request budget per destination account, for the engine's batches and the service's listings alike:
 * in the plugin's database, shared by every replica, or (a single process, e.g. on SQLite) in memory.
 * The key is the destination id: one destination is one vendor account.
 */
export class RateBudgets {
  readonly #store?: RateBudgetStore;
  readonly #budgets = new Map<string, RequestBudget>();

  /** Budgets shared by every replica through `store`. */
  static shared(store: RateBudgetStore) {
    return new RateBudgets(store);
  }

  /** Budgets of this process alone. */
  static inProcess() {
    return new RateBudgets(undefined);
  }

  private constructor(store: RateBudgetStore | undefined) {
    this.#store = store;
  }

  /** The budget of `destinationId`, which declares `rate` (or no budget: only the vendor's pauses). */
  for(destinationId: string, rate?: VendorRate): RequestBudget {
    let budget = this.#budgets.get(destinationId);
    if (!budget) {
      budget = this.#create(destinationId, rate);
      this.#budgets.set(destinationId, budget);
    }
    return budget;
  }

  #create(destinationId: string, rate?: VendorRate): RequestBudget {
    if (this.#store) {
      return SharedRateLimiter.create({
        store: this.#store,
        key: destinationId,
        rate,
      });
    }
    return rate ? RateLimiter.create(rate) : RateLimiter.unlimited();
  }
}
