// @ts-check

/**
 * Syncs that run after each evaluation of their audience remember the snapshot they last answered: the
 * one a run was queued for, or the one that was current when the sync took this schedule (so an older
 * snapshot never starts a run). Moving it on is what makes one snapshot queue one run, whichever instance
 * sees it first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('syncs', table => {
    table
      .integer('followed_evaluation_id')
      .nullable()
      .comment(
        'after_evaluation schedules: the snapshot last answered; null when the audience had none',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('syncs', table => {
    table.dropColumn('followed_evaluation_id');
  });
};
