import { SqlAudienceDefinition } from '@signalsmith/backstage-plugin-audience-syncs-node';

/** The warehouse table the evaluation scenario reads. */
export const CUSTOMERS_TABLE = 'bench_customers';

/** The columns of one member, as the demo audiences return them: three keys, two traits, two attributes. */
export const AUDIENCE_COLUMNS = [
  'user_id',
  'email',
  'phone',
  'lifetime_value',
  'last_purchase_date',
  'plan_type',
  'country',
];

/** What both sides read: every customer, each column once. */
export const AUDIENCE_SQL = `SELECT ${AUDIENCE_COLUMNS.join(
  ', ',
)} FROM ${CUSTOMERS_TABLE}`;

/** The audience the evaluation benchmarks evaluate: every row of the table is a member. */
export const BENCH_EVALUATED_AUDIENCE: SqlAudienceDefinition = {
  id: 'bench-customers',
  name: 'Benchmark customers',
  entityType: 'users',
  owner: 'group:default/bench',
  entityKeys: ['user_id', 'email', 'phone'],
  memberKey: 'user_id',
  traits: ['lifetime_value', 'last_purchase_date'],
  attributes: ['plan_type', 'country'],
  evaluationSchedule: { type: 'manual' },
  sql: AUDIENCE_SQL,
};
