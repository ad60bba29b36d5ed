// @ts-check

/**
 * Runs of another kind than a sync: a verification reads the destination back and compares it with the
 * ledger and the audience, sending nothing. It keeps what it read, for the comparison, in a scratch table,
 * and its findings with the run. The ledger is searched by identifier when the destination's members are
 * matched to it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sync_runs', table => {
    table.string('kind', 16).notNullable().defaultTo('sync');
  });
  await knex.schema.alterTable('sync_members', table => {
    table.index(['sync_id', 'identifier'], 'sync_members_identifier_idx');
  });
  await knex.schema.createTable('sync_verify_members', table => {
    table.comment('What a running verification read of the destination');
    table
      .integer('run_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('sync_runs')
      .onDelete('CASCADE');
    table.text('identifier').notNullable();
    table.primary(['run_id', 'identifier']);
  });
  await knex.schema.createTable('sync_verifications', table => {
    table.comment('What each verification found');
    table
      .integer('run_id')
      .unsigned()
      .primary()
      .references('id')
      .inTable('sync_runs')
      .onDelete('CASCADE');
    table.integer('destination_members').notNullable();
    table.integer('missing').notNullable();
    table.integer('unowned').notNullable();
    table.integer('stale').notNullable();
    table.text('samples').notNullable().comment('JSON: a few of each');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sync_verifications');
  await knex.schema.dropTable('sync_verify_members');
  await knex.schema.alterTable('sync_members', table => {
    table.dropIndex(['sync_id', 'identifier'], 'sync_members_identifier_idx');
  });
  await knex.schema.alterTable('sync_runs', table => {
    table.dropColumn('kind');
  });
};
