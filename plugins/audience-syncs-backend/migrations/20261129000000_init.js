// @ts-check

/**
 * The Audience Syncs store: audience snapshots, syncs, runs, their error samples and
 * each sync's ledger. Timestamps are written as ISO 8601 strings, which both SQLite and PostgreSQL order
 * correctly.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('audience_evaluations', table => {
    table.comment('One row per evaluation attempt of an audience');
    table.increments('id');
    table.string('audience_id', 255).notNullable();
    table.string('status', 16).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('member_count').nullable();
    table.text('error').nullable();
    table.index(['audience_id', 'id'], 'audience_evaluations_audience_idx');
  });

  await knex.schema.createTable('audience_snapshots', table => {
    table.comment(
      'The current snapshot of each audience; switching it is one update',
    );
    table.string('audience_id', 255).primary();
    table
      .integer('evaluation_id')
      .notNullable()
      .references('id')
      .inTable('audience_evaluations');
  });

  await knex.schema.createTable('audience_members', table => {
    table.comment(
      'Members of each evaluation; an evaluation is written beside the current one',
    );
    table
      .integer('evaluation_id')
      .notNullable()
      .references('id')
      .inTable('audience_evaluations')
      .onDelete('CASCADE');
    table.string('member_key', 255).notNullable();
    table.text('email').nullable();
    table.text('phone').nullable();
    table.text('user_id').nullable();
    table.text('device_id').nullable();
    table.text('fields').notNullable();
    table
      .string('member_hash', 64)
      .notNullable()
      .comment('SHA-256 of the keys and fields');
    table.primary(['evaluation_id', 'member_key']);
  });

  await knex.schema.createTable('syncs', table => {
    table.comment('Audience syncs: one audience to one destination object');
    table.string('id', 64).primary();
    table.string('name', 255).notNullable();
    table.string('audience_id', 255).notNullable();
    table.string('destination_id', 255).notNullable();
    table.string('object_id', 255).notNullable();
    table.string('object_name', 255).notNullable();
    table.string('mode', 16).notNullable();
    table.string('identifier_entity_key', 32).notNullable();
    table.string('identifier_field', 255).notNullable();
    table.text('field_mappings').notNullable();
    table.string('schedule_type', 32).notNullable();
    table.string('schedule_cron', 255).nullable();
    table.string('schedule_timezone', 64).nullable();
    table.string('status', 16).notNullable();
    table.string('owner', 255).notNullable();
    table.string('created_by', 255).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('last_synced_at', { useTz: true }).nullable();
    table.timestamp('next_run_at', { useTz: true }).nullable();
    table.string('lease_owner', 255).nullable();
    table.timestamp('lease_expires_at', { useTz: true }).nullable();
    table.index(['audience_id'], 'syncs_audience_idx');
    table.index(['destination_id'], 'syncs_destination_idx');
    table.index(['status', 'next_run_at'], 'syncs_due_idx');
  });

  await knex.schema.createTable('sync_runs', table => {
    table.comment('Every run of a sync, queued to finished');
    table.increments('id');
    table
      .string('sync_id', 64)
      .notNullable()
      .references('id')
      .inTable('syncs')
      .onDelete('CASCADE');
    table.string('trigger', 16).notNullable();
    table.string('status', 16).notNullable();
    table.integer('evaluation_id').nullable();
    table.string('approved_by', 255).nullable();
    table.timestamp('approved_at', { useTz: true }).nullable();
    table.integer('planned_adds').notNullable().defaultTo(0);
    table.integer('planned_removes').notNullable().defaultTo(0);
    table.integer('planned_updates').notNullable().defaultTo(0);
    table.integer('sent').notNullable().defaultTo(0);
    table.integer('succeeded').notNullable().defaultTo(0);
    table.integer('failed').notNullable().defaultTo(0);
    table.integer('invalid').notNullable().defaultTo(0);
    table.timestamp('queued_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('error').nullable();
    table.index(['sync_id', 'id'], 'sync_runs_sync_idx');
    table.index(['status'], 'sync_runs_status_idx');
  });
  // At most one run per sync has work ahead of it, whichever replica queues it.
  await knex.raw(
    `CREATE UNIQUE INDEX sync_runs_one_open_idx ON sync_runs (sync_id) WHERE status IN ('queued', 'running', 'held')`,
  );

  await knex.schema.createTable('sync_run_errors', table => {
    table.comment('A capped sample of row errors per run');
    table.increments('id');
    table
      .integer('run_id')
      .notNullable()
      .references('id')
      .inTable('sync_runs')
      .onDelete('CASCADE');
    table.string('member_key', 255).notNullable();
    table.string('operation', 16).notNullable();
    table.string('code', 64).notNullable();
    table.text('message').notNullable();
    table.boolean('retryable').notNullable();
    table.index(['run_id'], 'sync_run_errors_run_idx');
  });

  await knex.schema.createTable('sync_members', table => {
    table.comment(
      'The ledger: what each sync has put into its destination object',
    );
    table
      .string('sync_id', 64)
      .notNullable()
      .references('id')
      .inTable('syncs')
      .onDelete('CASCADE');
    table.string('member_key', 255).notNullable();
    table
      .text('identifier')
      .notNullable()
      .comment('As sent: normalized, hashed where required');
    table
      .string('member_hash', 64)
      .notNullable()
      .comment('The snapshot member_hash when last sent');
    table
      .string('fields_hash', 64)
      .nullable()
      .comment('SHA-256 of the mapped fields sent');
    table.primary(['sync_id', 'member_key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sync_members');
  await knex.schema.dropTable('sync_run_errors');
  await knex.schema.dropTable('sync_runs');
  await knex.schema.dropTable('syncs');
  await knex.schema.dropTable('audience_members');
  await knex.schema.dropTable('audience_snapshots');
  await knex.schema.dropTable('audience_evaluations');
};
