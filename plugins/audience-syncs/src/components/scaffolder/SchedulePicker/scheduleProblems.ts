import {
  Schedule,
  validateSchedule,
} from '@internal/plugin-audience-syncs-common';
import { parseFieldErrors } from '../../shared/parseFieldErrors';
import { ScheduleDraftErrors } from '../../shared/scheduleDraft';

/** The input each problem of `validateSchedule` is about. */
const INPUT_OF: Record<string, keyof ScheduleDraftErrors> = {
  'schedule.cron': 'cron',
  'schedule.timezone': 'timezone',
};

/**
 * What is wrong with a schedule, by input: an unreadable cron expression or an unknown time zone (the same
 * checks as the server's).
 */
export function scheduleProblems(schedule: Schedule): ScheduleDraftErrors {
  const problems: ScheduleDraftErrors = {};
  for (const problem of validateSchedule(schedule).flatMap(parseFieldErrors)) {
    const input = INPUT_OF[problem.field ?? ''] ?? 'type';
    problems[input] = problems[input]
      ? `${problems[input]}; ${problem.message}`
      : problem.message;
  }
  return problems;
}
