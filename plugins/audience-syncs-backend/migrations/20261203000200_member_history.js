// @ts-check

/**
 * What each run did to each member of a sync (added, updated, removed) and why a member was not sent
 * (invalid): a member's timeline. Rows are written in the transaction that commits the batch they
 * describe, pruned after a retention period, and go with their sync.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sync_member_history', table => {
    table.comment('Per member and run: what was sent, or why it was not');
    table.bigIncrements('id');
    table
      .string('sync_id', 64)
      .notNullable()
      .references('id')
      .inTable('syncs')
      .onDelete('CASCADE');
    table.string('member_key', 255).notNullable();
    table.integer('run_id').notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table
      .string('operation', 16)
      .notNullable()
      .comment('add, update, remove or invalid');
    table
      .text('identifier')
      .nullable()
      .comment('As sent (normalized, hashed where required); null when none');
    table
      .string('code', 64)
      .nullable()
      .comment('Why an invalid member was not sent');
    table.text('message').nullable();
    table.index(
      ['sync_id', 'member_key', 'id'],
      'sync_member_history_member_idx',
    );
    table.index(
      ['sync_id', 'identifier'],
      'sync_member_history_identifier_idx',
    );
    table.index(['at'], 'sync_member_history_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sync_member_history');
};
