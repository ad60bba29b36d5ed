import {
  AudienceSync,
  SyncActivity,
  SyncFieldChange,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { SCHEDULE_TYPE_LABELS, SYNC_MODE_LABELS } from '../common/labels';

const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  object: 'object',
  mode: 'mode',
  identifier: 'identifier',
  fieldMappings: 'field mappings',
  schedule: 'schedule',
  owner: 'owner',
  removalGuard: 'removal guard',
  alerts: 'alert thresholds',
};

/** A changed value in a few words, or undefined where a list of values would say nothing useful. */
function shortValue(field: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return 'none';
  switch (field) {
    case 'name':
    case 'owner':
      return String(value);
    case 'mode':
      return SYNC_MODE_LABELS[value as AudienceSync['mode']]?.label;
    case 'object':
      return (value as AudienceSync['object']).name;
    case 'identifier': {
      const { entityKey, field: target } = value as AudienceSync['identifier'];
      return `${entityKey} → ${target}`;
    }
    case 'schedule': {
      const schedule = value as AudienceSync['schedule'];
      return schedule.type === 'cron'
        ? `cron ${schedule.cron}`
        : SCHEDULE_TYPE_LABELS[schedule.type];
    }
    case 'fieldMappings': {
      const count = (value as unknown[]).length;
      return `${count} mapping${count === 1 ? '' : 's'}`;
    }
    default:
      return undefined;
  }
}

/** "mode (Mirror → Additive)". */
export function describeChange(change: SyncFieldChange): string {
  const label = FIELD_LABELS[change.field] ?? change.field;
  const from = shortValue(change.field, change.from);
  const to = shortValue(change.field, change.to);
  return from && to ? `${label} (${from} → ${to})` : label;
}

/** What the actor did, as a sentence without its subject: "paused the sync", "approved run #12". */
export function describeActivity(activity: SyncActivity): string {
  switch (activity.action) {
    case 'created':
      return 'created the sync';
    case 'edited':
      return activity.changes && activity.changes.length > 0
        ? `changed ${activity.changes.map(describeChange).join(', ')}`
        : 'saved the sync without changes';
    case 'paused':
      return 'paused the sync';
    case 'resumed':
      return 'resumed the sync';
    case 'run-requested':
      return `started run #${activity.runId}`;
    case 'run-approved':
      return `approved held run #${activity.runId}`;
    case 'verify-requested':
      return `started verify run #${activity.runId}`;
    case 'repair-requested':
      return `started repair run #${activity.runId}`;
    case 'resync-requested':
      return `started full resync #${activity.runId}`;
    default:
      return activity.action;
  }
}
