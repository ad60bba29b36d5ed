import {
  RunStatus,
  RunTrigger,
  SyncRun,
} from '@internal/plugin-audience-syncs-common';
import { toIso, toIsoOrNull } from './timestamps';

export type RunRow = {
  id: number;
  sync_id: string;
  trigger: RunTrigger;
  status: RunStatus;
  evaluation_id: number | null;
  planned_adds: number;
  planned_removes: number;
  planned_updates: number;
  sent: number;
  succeeded: number;
  failed: number;
  invalid: number;
  queued_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  error: string | null;
  approved_by: string | null;
  approved_at: string | Date | null;
};

/** A `sync_runs` row as the API shows it. */
export function toRun(row: RunRow): SyncRun {
  const startedAt = toIsoOrNull(row.started_at);
  const finishedAt = toIsoOrNull(row.finished_at);
  return {
    id: row.id,
    syncId: row.sync_id,
    trigger: row.trigger,
    status: row.status,
    evaluationId: row.evaluation_id,
    planned: {
      adds: row.planned_adds,
      removes: row.planned_removes,
      updates: row.planned_updates,
    },
    sent: row.sent,
    succeeded: row.succeeded,
    failed: row.failed,
    invalid: row.invalid,
    queuedAt: toIso(row.queued_at),
    startedAt,
    finishedAt,
    durationMs:
      startedAt && finishedAt
        ? Date.parse(finishedAt) - Date.parse(startedAt)
        : null,
    error: row.error,
  };
}
