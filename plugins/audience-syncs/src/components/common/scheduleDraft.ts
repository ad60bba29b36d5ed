import {
  Schedule,
  ScheduleType,
} from '@signalsmith/backstage-plugin-audience-syncs-common';

/**
 * A schedule as it is being typed: every input as text, so a half-typed cron expression keeps its spaces and
 * an empty time zone field means UTC.
 */
export interface ScheduleDraft {
  type: ScheduleType;
  cron: string;
  timezone: string;
}

/** What is wrong with each input of a schedule draft. */
export interface ScheduleDraftErrors {
  type?: string;
  cron?: string;
  timezone?: string;
}

export function toScheduleDraft(schedule: Schedule): ScheduleDraft {
  return {
    type: schedule.type,
    cron: schedule.cron ?? '',
    timezone: schedule.timezone ?? '',
  };
}

/**
 * The schedule a draft stands for: trimmed, the cron only for cron schedules, no time zone when blank or
 * when the sync runs after each evaluation (it has no times of its own to read in a zone).
 */
export function toSchedule(draft: ScheduleDraft): Schedule {
  const cron = draft.cron.trim();
  const timezone =
    draft.type === 'after_evaluation' ? '' : draft.timezone.trim();
  return {
    type: draft.type,
    ...(draft.type === 'cron' && cron ? { cron } : {}),
    ...(timezone ? { timezone } : {}),
  };
}
