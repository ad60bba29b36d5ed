import { SqlAudienceDefinition } from '@signalsmith/backstage-plugin-audience-syncs-node';

/**
 * The demo audiences, SQL over the demo warehouse's `customers` table. Each query returns one row per
 * member: the entity-key columns it lists (`user_id`, `email`, `phone`, `device_id`), then its traits and
 * attributes; `memberKey` names the entity-key column that is unique per member. Dates are compared with
 * fixed literals, not the clock, as the demo data ends on 2026-10-31, and the SQL stays portable across
 * warehouses. The member counts in the descriptions were measured on the generated rows.
 *
 * @public
 */
export const DEMO_AUDIENCES: readonly SqlAudienceDefinition[] = [
  {
    id: 'high-value-customers',
    name: 'High Value Customers',
    description:
      'Customers who have spent at least $2,000 with us, on any plan, for VIP offers and lookalike ' +
      'targeting (about 4,500 members in the demo data).',
    entityType: 'users',
    owner: 'group:default/marketing',
    memberKey: 'user_id',
    entityKeys: ['email', 'phone', 'user_id', 'device_id'],
    traits: ['lifetime_value', 'last_purchase_date'],
    attributes: ['plan_type', 'country'],
    evaluationSchedule: { type: 'daily' },
    sql:
      'SELECT customer_id AS user_id, email, phone, device_id, lifetime_value, last_purchase_date, ' +
      'plan_type, country FROM customers WHERE lifetime_value >= 2000',
  },
  {
    id: 'active-pro-enterprise',
    name: 'Active Pro & Enterprise',
    description:
      'Active customers on the Pro or Enterprise plan, kept in step with the CRM and ad platforms every ' +
      'hour for account-based campaigns (about 10,800 members in the demo data).',
    entityType: 'users',
    owner: 'group:default/growth',
    memberKey: 'user_id',
    entityKeys: ['email', 'phone', 'user_id'],
    traits: ['lifetime_value'],
    attributes: ['plan_type', 'country', 'signup_date'],
    evaluationSchedule: { type: 'hourly' },
    sql:
      'SELECT customer_id AS user_id, email, phone, lifetime_value, plan_type, country, signup_date ' +
      "FROM customers WHERE is_active = 1 AND plan_type IN ('pro', 'enterprise')",
  },
  {
    id: 'newsletter-subscribers',
    name: 'Newsletter Subscribers',
    description:
      'Everyone who opted in to marketing email, keyed by email address for the email tools; refreshed ' +
      'every 15 minutes so new sign-ups get the next send (about 25,900 members in the demo data).',
    entityType: 'users',
    owner: 'group:default/crm-team',
    memberKey: 'email',
    entityKeys: ['email', 'user_id'],
    traits: ['last_purchase_date'],
    attributes: ['plan_type', 'country', 'first_name', 'last_name'],
    evaluationSchedule: { type: 'every_15_minutes' },
    sql:
      'SELECT email, customer_id AS user_id, last_purchase_date, plan_type, country, first_name, ' +
      'last_name FROM customers WHERE email_opt_in = 1 AND email IS NOT NULL',
  },
  {
    id: 'recent-purchasers',
    name: 'Recent Purchasers',
    description:
      'Customers who bought in the 90 days up to 2026-10-31 (from 2026-08-02), to exclude them from ' +
      'acquisition ads and target cross-sells; evaluated on weekday mornings, Berlin time (about 14,900 ' +
      'members in the demo data).',
    entityType: 'users',
    owner: 'group:default/marketing',
    memberKey: 'user_id',
    entityKeys: ['email', 'phone', 'user_id', 'device_id'],
    traits: ['lifetime_value', 'last_purchase_date'],
    attributes: ['plan_type', 'country'],
    evaluationSchedule: {
      type: 'cron',
      cron: '0 6 * * 1-5',
      timezone: 'Europe/Berlin',
    },
    // 90 days before the fixed demo date 2026-10-31.
    sql:
      'SELECT customer_id AS user_id, email, phone, device_id, lifetime_value, last_purchase_date, ' +
      "plan_type, country FROM customers WHERE last_purchase_date >= '2026-08-02'",
  },
  {
    id: 'lapsed-customers',
    name: 'Lapsed Customers',
    description:
      'Inactive customers who bought from us before but not in the 180 days up to 2026-10-31, for ' +
      'win-back campaigns (about 8,600 members in the demo data).',
    entityType: 'users',
    owner: 'group:default/crm-team',
    memberKey: 'user_id',
    entityKeys: ['email', 'phone', 'user_id'],
    traits: ['lifetime_value', 'last_purchase_date'],
    attributes: ['plan_type', 'country'],
    evaluationSchedule: { type: 'weekly' },
    // 180 days before the fixed demo date 2026-10-31.
    sql:
      'SELECT customer_id AS user_id, email, phone, lifetime_value, last_purchase_date, plan_type, ' +
      "country FROM customers WHERE is_active = 0 AND lifetime_value > 0 AND last_purchase_date < '2026-05-04'",
  },
  {
    id: 'mobile-app-users',
    name: 'Mobile App Users',
    description:
      'Customers with a mobile advertising ID (IDFA or AAID) from the app, for in-app and mobile ad ' +
      'campaigns (about 35,800 members in the demo data).',
    entityType: 'users',
    owner: 'group:default/growth',
    memberKey: 'user_id',
    entityKeys: ['device_id', 'user_id'],
    traits: ['last_purchase_date'],
    attributes: ['plan_type', 'country'],
    evaluationSchedule: { type: 'daily' },
    sql:
      'SELECT device_id, customer_id AS user_id, last_purchase_date, plan_type, country ' +
      'FROM customers WHERE device_id IS NOT NULL',
  },
  {
    id: 'enterprise-trials-antarctica',
    name: 'Enterprise Trials in Antarctica',
    description:
      'Deliberately empty: no customer lives in Antarctica (AQ). Evaluating it yields no members, and ' +
      "Audience Syncs refuses to sync an empty audience rather than clear a destination's list (0 " +
      'members in the demo data).',
    entityType: 'users',
    owner: 'group:default/growth',
    memberKey: 'user_id',
    entityKeys: ['email', 'user_id'],
    traits: ['lifetime_value'],
    attributes: ['plan_type', 'country'],
    evaluationSchedule: { type: 'manual' },
    sql:
      'SELECT customer_id AS user_id, email, lifetime_value, plan_type, country ' +
      "FROM customers WHERE plan_type = 'enterprise' AND country = 'AQ'",
  },
];
