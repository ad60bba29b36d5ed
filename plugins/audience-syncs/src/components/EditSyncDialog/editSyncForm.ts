import {
  AudienceSync,
  FieldMapping,
  Schedule,
  SyncMode,
  UpdateSyncRequest,
} from '@internal/plugin-audience-syncs-common';
import { ObjectSelection } from '../shared/DestinationObjectSelect';
import { FieldMappingRowErrors } from '../shared/FieldMappingsFields';
import { FieldProblem } from '../shared/parseFieldErrors';
import {
  ScheduleDraft,
  toSchedule,
  toScheduleDraft,
} from '../shared/scheduleDraft';

/** The parts of a sync the guide lets a user edit: mode, field mappings, schedule and destination object. */
export interface EditSyncForm {
  mode: SyncMode;
  object: ObjectSelection;
  fieldMappings: FieldMapping[];
  schedule: ScheduleDraft;
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
  /** Problems with no field in this form (e.g. the audience lost its members). */
  general: string[];
}

export function toEditSyncForm(sync: AudienceSync): EditSyncForm {
  return {
    mode: sync.mode,
    object: { id: sync.object.id },
    fieldMappings: [...sync.fieldMappings],
    schedule: toScheduleDraft(sync.schedule),
  };
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
  return request;
}

const ROW_FIELD = /^fieldMappings\[(\d+)\](?:\.(source|destinationField))?/;

function append(current: string | undefined, message: string) {
  return current ? `${current}; ${message}` : message;
}

/** Places each problem of a 400 answer on its form field; the rest stay general, with their field named. */
export function toFormErrors(problems: FieldProblem[]): EditSyncFormErrors {
  const errors: EditSyncFormErrors = { fieldMappingRows: {}, general: [] };
  for (const { field, message } of problems) {
    const row = field ? ROW_FIELD.exec(field) : null;
    if (row) {
      const index = Number(row[1]);
      const part = (row[2] ?? 'row') as keyof FieldMappingRowErrors;
      const rowErrors = (errors.fieldMappingRows[index] ??= {});
      rowErrors[part] = append(rowErrors[part], message);
    } else if (field === 'fieldMappings') {
      errors.fieldMappings = append(errors.fieldMappings, message);
    } else if (field === 'mode') {
      errors.mode = append(errors.mode, message);
    } else if (field === 'object' || field?.startsWith('object.')) {
      errors.object = append(errors.object, message);
    } else if (field === 'schedule.cron') {
      errors.cron = append(errors.cron, message);
    } else if (field === 'schedule.timezone') {
      errors.timezone = append(errors.timezone, message);
    } else if (field === 'schedule' || field?.startsWith('schedule.')) {
      errors.scheduleType = append(errors.scheduleType, message);
    } else {
      errors.general.push(field ? `${field}: ${message}` : message);
    }
  }
  return errors;
}

export function hasFormErrors(errors: EditSyncFormErrors): boolean {
  return (
    Boolean(
      errors.mode ||
        errors.object ||
        errors.fieldMappings ||
        errors.scheduleType ||
        errors.cron ||
        errors.timezone,
    ) ||
    Object.keys(errors.fieldMappingRows).length > 0 ||
    errors.general.length > 0
  );
}
