import {
  Audience,
  AudienceSync,
  Destination,
  DestinationFieldSchema,
  FieldMapping,
  fieldMappingProblems,
  parseFieldPath,
  Schedule,
  scheduleProblems,
  SyncMode,
  SyncProblem,
  RemovalGuardSettings,
  UpdateSyncRequest,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import {
  AlertThresholdsDraft,
  sameAlertThresholds,
  toAlertThresholds,
  toAlertThresholdsDraft,
} from '../common/alertThresholdsDraft';
import { ObjectSelection } from '../common/DestinationObjectSelect';
import { RemovalGuardDraft } from './RemovalGuardFields';
import { fieldMappingErrors } from '../common/fieldMappingErrors';
import { FieldMappingRowErrors } from '../common/FieldMappingsFields';
import { scheduleErrors } from '../common/scheduleErrors';
import {
  ScheduleDraft,
  toSchedule,
  toScheduleDraft,
} from '../common/scheduleDraft';

/**
 * The parts of a sync a user may edit: mode, field mappings, schedule, destination object, removal
 * guard and alert thresholds.
 */
export interface EditSyncForm {
  mode: SyncMode;
  object: ObjectSelection;
  fieldMappings: FieldMapping[];
  schedule: ScheduleDraft;
  removalGuard: RemovalGuardDraft;
  alerts: AlertThresholdsDraft;
}

/** The server's complaints, placed next to the form fields they are about. */
export interface EditSyncFormErrors {
  mode?: string;
  object?: string;
  fieldMappings?: string;
  /** Problems of one mapping row, by row index. */
  fieldMappingRows: Record<number, FieldMappingRowErrors>;
  scheduleType?: string;
  cron?: string;
  timezone?: string;
  guardMaxShare?: string;
  guardMinRemovals?: string;
  alertInvalidShare?: string;
  alertRowCountSwing?: string;
  /** Problems with no field in this form (e.g. the audience lost its members). */
  general: string[];
}

export function toEditSyncForm(sync: AudienceSync): EditSyncForm {
  return {
    mode: sync.mode,
    object: { id: sync.object.id },
    fieldMappings: [...sync.fieldMappings],
    schedule: toScheduleDraft(sync.schedule),
    removalGuard: {
      maxSharePercent:
        sync.removalGuard?.maxShare === undefined
          ? ''
          : String(Math.round(sync.removalGuard.maxShare * 10_000) / 100),
      minRemovals:
        sync.removalGuard?.minRemovals === undefined
          ? ''
          : String(sync.removalGuard.minRemovals),
    },
    alerts: toAlertThresholdsDraft(sync.alerts),
  };
}

/** The settings the form's guard fields mean: blank ones left out (the backend's default). */
function formRemovalGuard(draft: RemovalGuardDraft): RemovalGuardSettings {
  const share = draft.maxSharePercent.trim();
  const minimum = draft.minRemovals.trim();
  return {
    ...(share ? { maxShare: Number(share) / 100 } : {}),
    ...(minimum ? { minRemovals: Number(minimum) } : {}),
  };
}

function sameRemovalGuard(a: RemovalGuardSettings, b?: RemovalGuardSettings) {
  return a.maxShare === b?.maxShare && a.minRemovals === b?.minRemovals;
}

function formFieldMappings(form: EditSyncForm): FieldMapping[] {
  return form.fieldMappings.map(mapping => ({
    source: { kind: mapping.source.kind, name: mapping.source.name.trim() },
    destinationField: mapping.destinationField.trim(),
  }));
}

/** Field mappings with their keys in one order, so that equal mappings compare equal as JSON. */
function canonicalMappings(mappings: FieldMapping[]) {
  return JSON.stringify(
    mappings.map(mapping => [
      mapping.source.kind,
      mapping.source.name,
      mapping.destinationField,
    ]),
  );
}

function sameSchedule(a: Schedule, b: Schedule) {
  return (
    a.type === b.type &&
    (a.cron ?? '') === (b.cron ?? '') &&
    (a.timezone ?? '') === (b.timezone ?? '')
  );
}

/** The PATCH body: only what the form changed, so an untouched field is not re-validated or audited. */
export function toUpdateRequest(
  form: EditSyncForm,
  sync: AudienceSync,
): UpdateSyncRequest {
  const request: UpdateSyncRequest = {};
  if (form.mode !== sync.mode) {
    request.mode = form.mode;
  }
  if ('create' in form.object) {
    request.object = { create: { name: form.object.create.name.trim() } };
  } else if (form.object.id !== sync.object.id) {
    request.object = { id: form.object.id };
  }
  const fieldMappings = formFieldMappings(form);
  if (
    canonicalMappings(fieldMappings) !== canonicalMappings(sync.fieldMappings)
  ) {
    request.fieldMappings = fieldMappings;
  }
  const schedule = toSchedule(form.schedule);
  if (!sameSchedule(schedule, sync.schedule)) {
    request.schedule = schedule;
  }
  const removalGuard = formRemovalGuard(form.removalGuard);
  if (!sameRemovalGuard(removalGuard, sync.removalGuard)) {
    request.removalGuard = removalGuard;
  }
  const alerts = toAlertThresholds(form.alerts);
  if (!sameAlertThresholds(alerts, sync.alerts)) {
    request.alerts = alerts;
  }
  return request;
}

/** The fields of this form that problems can be placed on; the rest are shown as general problems. */
const FORM_FIELDS = [
  'mode',
  'object',
  'fieldMappings',
  'schedule',
  'removalGuard',
  'alerts',
];

/**
 * What the shared checks find in the form before the server sees it: the schedule, and the field mappings
 * against the audience and destination once both are known (and the object's fields once read).
 */
export function formProblems(
  form: EditSyncForm,
  audience: Audience | undefined,
  destination: Destination | undefined,
  fieldSchema?: DestinationFieldSchema,
): SyncProblem[] {
  return [
    ...(audience && destination
      ? fieldMappingProblems(
          form.fieldMappings,
          audience,
          destination,
          fieldSchema,
        )
      : []),
    ...scheduleProblems(toSchedule(form.schedule)),
  ];
}

/**
 * Places each problem (of the server, or of the shared checks) on its form field, once even when both
 * found it; the rest stay general, with their field named.
 */
export function toFormErrors(found: SyncProblem[]): EditSyncFormErrors {
  const problems = [
    ...new Map(found.map(p => [`${p.field}\n${p.message}`, p])).values(),
  ];
  const fieldMappings = fieldMappingErrors(problems);
  const schedule = scheduleErrors(problems);
  const messagesOf = (top: string, inner?: string) =>
    problems
      .filter(problem => {
        const path = parseFieldPath(problem.field);
        return path[0] === top && (inner === undefined || path[1] === inner);
      })
      .map(problem => problem.message)
      .join('; ') || undefined;
  return {
    mode: messagesOf('mode'),
    object: messagesOf('object'),
    fieldMappings: fieldMappings.general,
    fieldMappingRows: fieldMappings.rows,
    scheduleType: schedule.type,
    cron: schedule.cron,
    timezone: schedule.timezone,
    guardMaxShare: messagesOf('removalGuard', 'maxShare'),
    guardMinRemovals: messagesOf('removalGuard', 'minRemovals'),
    alertInvalidShare: messagesOf('alerts', 'invalidShare'),
    alertRowCountSwing: messagesOf('alerts', 'rowCountSwing'),
    general: problems
      .filter(
        problem =>
          !FORM_FIELDS.includes(String(parseFieldPath(problem.field)[0])),
      )
      .map(({ field, message }) => (field ? `${field}: ${message}` : message)),
  };
}
