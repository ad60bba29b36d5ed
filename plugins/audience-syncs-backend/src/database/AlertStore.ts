import { Knex } from 'knex';
import { isUniqueViolation } from './isUniqueViolation';

/** What each sync is alerted about; one state per sync and kind. */
export const ALERT_KINDS = [
  'run-failed',
  'run-held',
  'invalid-share',
  'row-count-swing',
  'missed-run',
] as const;
/** One of `ALERT_KINDS`. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Each sync's alert states (`sync_alerts`). Opening and clearing are single conditional statements, so
 * of any number of callers (runs, watchdogs on several replicas) that see the same change, exactly one
 * is told it made it, and only that one notifies.
 */
export class AlertStore {
  readonly #db: Knex;

  static create(options: { knex: Knex }) {
    return new AlertStore(options.knex);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  /** Opens the alert; true only for the caller that changed it from cleared (or never seen) to open. */
  async open(syncId: string, kind: AlertKind, at: string): Promise<boolean> {
    const reopened = await this.#db('sync_alerts')
      .where({ sync_id: syncId, kind, open: false })
      .update({ open: true, changed_at: at });
    if (reopened > 0) return true;
    try {
      await this.#db('sync_alerts').insert({
        sync_id: syncId,
        kind,
        open: true,
        changed_at: at,
      });
      return true;
    } catch (error) {
      // Already open, or another caller opened it first.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Clears the alert; true only for the caller that changed it from open to cleared. */
  async clear(syncId: string, kind: AlertKind, at: string): Promise<boolean> {
    const cleared = await this.#db('sync_alerts')
      .where({ sync_id: syncId, kind, open: true })
      .update({ open: false, changed_at: at });
    return cleared > 0;
  }

  /** The syncs whose alert of `kind` is open. */
  async listOpen(kind: AlertKind): Promise<string[]> {
    return this.#db('sync_alerts').where({ kind, open: true }).pluck('sync_id');
  }
}
