import { Knex } from 'knex';
import { createStores } from '../backend';

/** Points the data set's sync at a vendor's object and identifier field (they differ by vendor). */
export async function configureSync(
  knex: Knex,
  syncId: string,
  target: { object: { id: string; name: string }; identifierField: string },
): Promise<void> {
  const { syncs } = createStores(knex);
  const sync = await syncs.getSync(syncId);
  if (!sync) throw new Error(`The data set has no sync '${syncId}'`);
  await knex.transaction(tx =>
    syncs.updateConfiguration(
      syncId,
      {
        object: target.object,
        identifier: { ...sync.identifier, field: target.identifierField },
      },
      { by: 'user:default/bench', at: new Date().toISOString() },
      tx,
    ),
  );
}
