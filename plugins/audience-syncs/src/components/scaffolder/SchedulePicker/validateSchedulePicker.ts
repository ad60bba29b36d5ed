import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  Schedule,
  scheduleProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ScheduleDraftErrors } from '../../common/scheduleDraft';
import { scheduleErrors } from '../../common/scheduleErrors';

const INPUT_LABELS: Record<keyof ScheduleDraftErrors, string> = {
  type: 'Schedule',
  cron: 'Cron expression',
  timezone: 'Time zone',
};

/** Requires a schedule with a readable cron expression and a known time zone, each problem named by its input. */
export const validateSchedulePicker: CustomFieldValidator<Schedule> = (
  schedule,
  validation,
) => {
  if (!schedule?.type) {
    validation.addError('Choose a schedule');
    return;
  }
  const problems = scheduleErrors(scheduleProblems(schedule));
  for (const input of ['type', 'cron', 'timezone'] as const) {
    if (problems[input]) {
      validation.addError(`${INPUT_LABELS[input]}: ${problems[input]}`);
    }
  }
};
