// @ts-check

/**
 * Run safety: a token per lease claim and the time its holder was last seen alive (fencing, recovery and
 * honest durations of interrupted runs); per-sync removal guard limits; and the removals a held run would
 * send with the bound an approval of it gives.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('syncs', table => {
    table
      .string('lease_token', 64)
      .nullable()
      .comment('Fresh for every claim; commits are fenced by it');
    table
      .timestamp('lease_seen_at', { useTz: true })
      .nullable()
      .comment('When the lease holder was last seen alive');
    table
      .double('removal_guard_max_share')
      .nullable()
      .comment('Null: the operator default');
    table
      .integer('removal_guard_min_removals')
      .nullable()
      .comment('Null: the operator default');
  });
  await knex.schema.alterTable('sync_runs', table => {
    table
      .integer('held_removes')
      .nullable()
      .comment('The removals the guard counted when it held the run');
    table
      .integer('approved_removes')
      .nullable()
      .comment('The removals its approval allows');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sync_runs', table => {
    table.dropColumn('approved_removes');
    table.dropColumn('held_removes');
  });
  await knex.schema.alterTable('syncs', table => {
    table.dropColumn('removal_guard_min_removals');
    table.dropColumn('removal_guard_max_share');
    table.dropColumn('lease_seen_at');
    table.dropColumn('lease_token');
  });
};
