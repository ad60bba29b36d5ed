// @ts-check

/**
 * Vendor budgets shared by every replica of the backend: a token bucket per destination account, and the
 * slots of the vendors that limit simultaneous connections. Times are epoch milliseconds of the
 * replicas' clocks, so that the arithmetic is the same on every database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rate_budgets', table => {
    table.comment(
      'A token bucket per destination account: what is left of the request budget of its vendor',
    );
    table.string('key', 255).primary();
    table.double('tokens').notNullable();
    table
      .bigInteger('updated_at')
      .notNullable()
      .comment('When tokens was last refilled, epoch ms');
    table
      .bigInteger('paused_until')
      .notNullable()
      .defaultTo(0)
      .comment('Until when the vendor asked to wait (Retry-After), epoch ms');
  });

  await knex.schema.createTable('request_slots', table => {
    table.comment(
      'Requests open at a vendor that limits simultaneous connections: one row per slot in use',
    );
    table.string('key', 255).notNullable();
    table.integer('slot').notNullable();
    table.string('holder', 64).notNullable();
    table
      .bigInteger('expires_at')
      .notNullable()
      .comment('When a holder that died gives the slot up, epoch ms');
    table.primary(['key', 'slot']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('request_slots');
  await knex.schema.dropTable('rate_budgets');
};
