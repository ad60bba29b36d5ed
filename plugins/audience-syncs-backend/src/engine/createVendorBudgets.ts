import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { RateBudgetStore } from '../database/RateBudgetStore';
import { RequestSlotStore } from '../database/RequestSlotStore';
import { RateBudgets } from './RateBudgets';
import { readSharedBudgets } from './readSharedBudgets';
import { SharedRequestSlots } from './SharedRequestSlots';

/**
 * The vendors' request budgets and connection slots of this backend: kept in the plugin's database and
 * shared by every replica where `audienceSyncs.engine.sharedBudgets` says so (PostgreSQL and MySQL by
 * default), else in this process. Without shared slots, connectors limit their connections per process.
 */
export function createVendorBudgets(config: Config, knex: Knex) {
  if (!readSharedBudgets(config, knex)) {
    return { budgets: RateBudgets.inProcess(), requestSlots: undefined };
  }
  const slots = RequestSlotStore.create({ knex });
  return {
    budgets: RateBudgets.shared(RateBudgetStore.create({ knex })),
    requestSlots: (key: string, max: number, holdMs: number) =>
      SharedRequestSlots.create({ store: slots, key, max, holdMs }),
  };
}
