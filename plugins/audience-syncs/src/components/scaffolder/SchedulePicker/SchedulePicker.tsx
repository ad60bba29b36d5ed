import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  Schedule,
  scheduleProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useEffect, useState } from 'react';
import { ScheduleFields } from '../../common/ScheduleFields';
import { toSchedule, toScheduleDraft } from '../../common/scheduleDraft';
import { scheduleErrors } from '../../common/scheduleErrors';
import { builderFormData } from '../SyncBuilderFormData';
import { useAudience } from '../useAudience';

/** The standard activation cadence for most marketing campaigns. */
const DEFAULT_SCHEDULE: Schedule = { type: 'daily' };

/**
 * How often the sync runs: a preset, or a cron expression in an IANA time zone, with a readable
 * description, the next runs in the user's time, errors as they are typed, and a warning when the
 * sync would run more often than the chosen audience is evaluated.
 */
export const SchedulePicker = ({
  formData,
  onChange,
  formContext,
  idSchema,
}: FieldExtensionComponentProps<Schedule>) => {
  const audience = useAudience(builderFormData(formContext).audienceId);
  // The form starts an object field at `{}`: there is a schedule once it has a type.
  const chosen = Boolean(formData?.type);
  // The inputs keep what is typed (a cron's spaces, an empty time zone); the form gets the schedule it means.
  const [draft, setDraft] = useState(() =>
    toScheduleDraft(chosen && formData ? formData : DEFAULT_SCHEDULE),
  );
  // The schedule shown is the form's value from the start, so "Next" never finds it missing.
  useEffect(() => {
    if (!chosen) {
      onChange(toSchedule(draft));
    }
  }, [chosen, draft, onChange]);

  return (
    <ScheduleFields
      id={idSchema?.$id ?? 'schedule'}
      value={draft}
      onChange={next => {
        setDraft(next);
        onChange(toSchedule(next));
      }}
      errors={scheduleErrors(scheduleProblems(toSchedule(draft)))}
      audience={audience.value}
    />
  );
};
