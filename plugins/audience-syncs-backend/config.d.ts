import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Audience Syncs: the warehouse audiences query, the audiences, the destinations, and engine limits. */
  audienceSyncs?: {
    /**
     * Knex configuration of the warehouse that the built-in SQL audience source queries. Supported
     * clients: `pg` (PostgreSQL), `redshift`, `mysql2` (MySQL, MariaDB) and `better-sqlite3`; other
     * warehouses come in through an audience source module.
     */
    warehouse?: {
      client: string;
      /**
       * Connection settings; may hold credentials.
       * @deepVisibility secret
       */
      connection: { [key: string]: unknown } | string;
      /**
       * How long an audience's query may run, from its start to its last row (rows are written into the
       * snapshot as they arrive), e.g. `'10 minutes'`, `'PT30S'` or `{ minutes: 5 }`. Default 10 minutes.
       */
      statementTimeout?: HumanDuration | string;
    };

    /** Audiences defined as SQL over the warehouse. */
    audiences?: Array<{
      /** Stable id, used in syncs and URLs. */
      id: string;
      name: string;
      description?: string;
      /** What one member is, e.g. `users` or `accounts`. */
      entityType: string;
      /** Owner entity ref, e.g. `group:default/marketing`. */
      owner: string;
      /** Entity keys the query returns, as columns of the same name: email, phone, user_id, device_id. */
      entityKeys: Array<'email' | 'phone' | 'user_id' | 'device_id'>;
      /** The entity-key column that identifies a member uniquely. */
      memberKey: 'email' | 'phone' | 'user_id' | 'device_id';
      /** Trait columns (computed values), e.g. `lifetime_value`. */
      traits?: string[];
      /** Attribute columns (stored properties), e.g. `plan_type`. */
      attributes?: string[];
      /** How often the audience is re-evaluated. */
      evaluationSchedule: {
        type:
          | 'manual'
          | 'every_15_minutes'
          | 'hourly'
          | 'daily'
          | 'weekly'
          | 'cron';
        cron?: string;
        timezone?: string;
      };
      /** The query: one row per member. It runs read-only. */
      sql: string;
      /** Overrides `audienceSyncs.warehouse.statementTimeout` for this audience. */
      statementTimeout?: HumanDuration | string;
    }>;

    /**
     * Holds a run for approval when its removals (departed members, and in Mirror mode re-keyed members'
     * old identifiers) exceed `maxShare` of what the sync has put in the destination and `minRemovals`
     * too. Defaults: 0.2 and 25. A sync may set its own values up to `maxShareLimit` and
     * `minRemovalsLimit`.
     */
    removalGuard?: {
      /** More than 0, at most 1. Default 0.2. */
      maxShare?: number;
      /** A whole number >= 0. Default 25. */
      minRemovals?: number;
      /** The largest share a sync may set for itself: at least maxShare, at most 1. Default 0.5 (or maxShare when higher). */
      maxShareLimit?: number;
      /** The largest minimum a sync may set for itself: a whole number >= minRemovals. Default 1000 (or minRemovals when higher). */
      minRemovalsLimit?: number;
    };

    /** Verifying destinations against the ledger and the audience. */
    verify?: {
      /**
       * How often every active sync whose destination can read members back is verified, e.g.
       * `{ hours: 24 }` or `'1 day'` (at least 1 minute). Absent: only on request.
       */
      schedule?: HumanDuration | string;
    };

    /**
     * Notifications to a sync's owner and its audience's owner. Each alert is sent once when it opens and
     * once when it clears. A sync may set its own `invalidShare` and `rowCountSwing`.
     */
    alerts?: {
      /** Alert when a run finds more than this share of the audience's members invalid for the destination (no or a malformed identifier): more than 0, at most 1. Default 0.05. */
      invalidShare?: number;
      /** Alert when the audience size a run synced moved by more than this share of the previous run's: more than 0, at most 1. Default 0.5. */
      rowCountSwing?: number;
      /**
       * How late a scheduled run may start before its owners are told it was missed, e.g. `'15 minutes'`,
       * `'PT30M'` or `{ minutes: 30 }` (at least 1 second). Default 15 minutes.
       */
      missedRunGrace?: HumanDuration | string;
    };

    /**
     * Limits of the sync engine; every key is optional and defaults to the value shown. A bad value stops
     * the backend with a message naming the key.
     */
    engine?: {
      /** How often each instance recovers, queues and claims runs, in whole seconds (>= 1). Default 5. */
      tickSeconds?: number;
      /**
       * How long a claimed sync stays an instance's without a heartbeat, in whole seconds (>= 10); a run
       * whose instance died is continued by another once its lease expires. Default 60.
       */
      leaseSeconds?: number;
      /** How often a running sync's lease is renewed, in seconds (less than leaseSeconds). Default leaseSeconds / 3. */
      heartbeatSeconds?: number;
      /** Runs one instance executes at once (>= 1). Default 4. */
      concurrentRuns?: number;
      /** Row errors kept per run for the detail page (>= 0); the rest are only counted. Default 100. */
      errorSampleSize?: number;
      /**
       * Whether each destination's request budget (its token bucket, the vendor's Retry-After pauses and,
       * for vendors that limit simultaneous connections such as Mailchimp, its connection slots) is held in
       * the plugin's database and shared by every replica, so that replicas together stay within the
       * vendor's budget. Default true on PostgreSQL and MySQL, false on SQLite (one process).
       */
      sharedBudgets?: boolean;
      /** Retries of a batch that failed transiently (5xx, time-outs, network errors); throttling is waited out. */
      retry?: {
        /** Attempts per batch (>= 1). Default 6. */
        attempts?: number;
        /** The first backoff in milliseconds (>= 1); it doubles per attempt, with full jitter. Default 500. */
        baseDelayMs?: number;
        /** The longest backoff in milliseconds (>= baseDelayMs). Default 60000. */
        maxDelayMs?: number;
        /** Throttled answers waited out per batch before it fails (>= 0). Default 50. */
        throttleWaits?: number;
      };
    };

    /** Destinations that syncs can send audiences to. */
    destinations?: Array<{
      id: string;
      /** The connector type, e.g. `webhook`, `facebook-ads`. */
      type: string;
      name: string;
      description?: string;
      /** Owner entity ref. */
      owner: string;
      /**
       * Type-specific settings (endpoints, account ids, batch sizes, credentials); see the README's
       * connector reference. The credential keys below are secrets: Backstage keeps them out of the
       * frontend and redacts their values from logs. They include every key a built-in connector
       * declares secret (a test checks); the plugin scrubs declared keys from errors as well.
       */
      settings?: {
        /**
         * The webhook's HMAC-SHA256 key, at least 32 bytes.
         * @visibility secret
         */
        signingSecret?: string;
        /** @visibility secret */
        accessToken?: string;
        /** @visibility secret */
        appSecret?: string;
        /** @visibility secret */
        refreshToken?: string;
        /** @visibility secret */
        apiKey?: string;
        /** @visibility secret */
        clientSecret?: string;
        /** @visibility secret */
        developerToken?: string;
        /** @visibility secret */
        password?: string;
        /** @visibility secret */
        privateKey?: string;
        /**
         * A database connection (the warehouse-table connector); it may hold a password.
         * @visibility secret
         * @deepVisibility secret
         */
        connection?: { [key: string]: unknown } | string;
        [key: string]: unknown;
      };
    }>;

    /**
     * Each member's timeline: what every run added, updated or removed, and why a member was not sent.
     * Written in the transaction of each batch's commit; pruned hourly.
     */
    memberHistory?: {
      /** Whether runs record it. Default true. */
      enabled?: boolean;
      /** How many days steps are kept: a whole number >= 1. Default 90. */
      retentionDays?: number;
    };
  };
}
