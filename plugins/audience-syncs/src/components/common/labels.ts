import {
  RunKind,
  RunStatus,
  RunTrigger,
  ScheduleType,
  SyncMode,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/** The sync modes as the builder names and explains them. */
export const SYNC_MODE_LABELS: Record<
  SyncMode,
  { label: string; description: string }
> = {
  mirror: {
    label: 'Mirror',
    description: 'Add new members, remove departed members',
  },
  additive: {
    label: 'Additive',
    description: 'Only add new members, never remove',
  },
  subtractive: {
    label: 'Subtractive',
    description: 'Only remove departed members, never add',
  },
};

/** The schedule choices the builder offers. */
export const SCHEDULE_TYPE_LABELS: Record<ScheduleType, string> = {
  manual: 'Manual',
  after_evaluation: 'After each evaluation of the audience',
  every_15_minutes: 'Every 15 minutes',
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
  cron: 'Custom cron',
};

/** What each schedule choice is best for. */
export const SCHEDULE_TYPE_BEST_FOR: Record<ScheduleType, string> = {
  manual: 'One-time syncs or testing',
  after_evaluation:
    'Sending every new snapshot as soon as it lands, whenever the audience is evaluated',
  every_15_minutes: 'Real-time audience activation (e.g., triggered campaigns)',
  hourly: 'Near-real-time use cases',
  daily: 'Standard activation cadence for most marketing campaigns',
  weekly: 'Low-frequency or stable audiences',
  cron: 'Specific timing needs (e.g., every weekday at 9 AM)',
};

export const RUN_TRIGGER_LABELS: Record<RunTrigger, string> = {
  initial: 'Initial',
  schedule: 'Scheduled',
  manual: 'Manual',
};

/** How the run history names a run that is not a plain sync, after its trigger ("Manual verify"). */
export const RUN_KIND_LABELS: Record<RunKind, string> = {
  sync: '',
  verify: 'verify',
  repair: 'repair',
  resync: 'full resync',
};

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  partial: 'Partial',
  failed: 'Failed',
  held: 'Held for approval',
  cancelled: 'Cancelled',
};
