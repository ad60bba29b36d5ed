import {
  parseFieldPath,
  SyncProblem,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ScheduleDraftErrors } from './scheduleDraft';

/**
 * Places the problems about a schedule (its field `schedule`) on the schedule's inputs: the cron
 * expression, the time zone, or the schedule type for anything else about it.
 */
export function scheduleErrors(problems: SyncProblem[]): ScheduleDraftErrors {
  const errors: ScheduleDraftErrors = {};
  for (const { field, message } of problems) {
    const [top, part] = parseFieldPath(field);
    if (top !== 'schedule') {
      continue;
    }
    const input = part === 'cron' || part === 'timezone' ? part : 'type';
    errors[input] = errors[input] ? `${errors[input]}; ${message}` : message;
  }
  return errors;
}
