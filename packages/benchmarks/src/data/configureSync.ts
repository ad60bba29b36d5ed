import { Knex } from 'knex';

/** Points the data set's sync at a vendor's object and identifier field (they differ by vendor). */
export async function configureSync(
  knex: Knex,
  syncId: string,
  target: { object: { id: string; name: string }; identifierField: string },
): Promise<void> {
  await knex('syncs').where({ id: syncId }).update({
    object_id: target.object.id,
    object_name: target.object.name,
    identifier_field: target.identifierField,
  });
}
