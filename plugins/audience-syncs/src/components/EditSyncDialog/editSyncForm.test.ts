import { aDestination, anAudience, aSync } from '../../__testUtils__/fixtures';
import {
  formProblems,
  toEditSyncForm,
  toFormErrors,
  toUpdateRequest,
} from './editSyncForm';

describe('toUpdateRequest', () => {
  const sync = aSync();

  it('sends nothing for an untouched form', () => {
    expect(toUpdateRequest(toEditSyncForm(sync), sync)).toEqual({});
  });

  it('sends only the changed fields', () => {
    const form = toEditSyncForm(sync);
    form.mode = 'additive';
    form.schedule = { type: 'cron', cron: ' 0 9 * * 1-5 ', timezone: '' };
    expect(toUpdateRequest(form, sync)).toEqual({
      mode: 'additive',
      schedule: { type: 'cron', cron: '0 9 * * 1-5' },
    });
  });

  it('sends a new object by id, or by name to create it', () => {
    const form = toEditSyncForm(sync);
    form.object = { id: 'cmp-q2' };
    expect(toUpdateRequest(form, sync)).toEqual({ object: { id: 'cmp-q2' } });
    form.object = { create: { name: ' Q2 winback ' } };
    expect(toUpdateRequest(form, sync)).toEqual({
      object: { create: { name: 'Q2 winback' } },
    });
  });

  it('sends the removal guard as the API takes it, and only when it changed', () => {
    const guarded = aSync({
      removalGuard: { maxShare: 0.07, minRemovals: 10 },
    });
    const form = toEditSyncForm(guarded);
    expect(form.removalGuard).toEqual({
      maxSharePercent: '7',
      minRemovals: '10',
    });
    expect(toUpdateRequest(form, guarded)).toEqual({});
    form.removalGuard = { maxSharePercent: '', minRemovals: '10' };
    expect(toUpdateRequest(form, guarded)).toEqual({
      removalGuard: { minRemovals: 10 },
    });
  });

  it('sends the alert thresholds as shares, and only when they changed', () => {
    const alerted = aSync({ alerts: { invalidShare: 0.125 } });
    const form = toEditSyncForm(alerted);
    expect(form.alerts).toEqual({
      invalidSharePercent: '12.5',
      rowCountSwingPercent: '',
    });
    expect(toUpdateRequest(form, alerted)).toEqual({});
    form.alerts = { invalidSharePercent: '', rowCountSwingPercent: '30' };
    expect(toUpdateRequest(form, alerted)).toEqual({
      alerts: { rowCountSwing: 0.3 },
    });
  });

  it('sends every field mapping when one changed', () => {
    const form = toEditSyncForm(sync);
    form.fieldMappings.push({
      source: { kind: 'attribute', name: ' plan_type' },
      destinationField: 'Plan__c ',
    });
    expect(toUpdateRequest(form, sync)).toEqual({
      fieldMappings: [
        {
          source: { kind: 'trait', name: 'lifetime_value' },
          destinationField: 'Customer_Value__c',
        },
        {
          source: { kind: 'attribute', name: 'plan_type' },
          destinationField: 'Plan__c',
        },
      ],
    });
  });
});

describe('toFormErrors', () => {
  it('places each problem on its field and keeps the others general', () => {
    expect(
      toFormErrors([
        { field: 'mode', code: 'invalid_option', message: 'is wrong' },
        { field: 'object.id', code: 'object_not_found', message: 'is gone' },
        {
          field: 'fieldMappings',
          code: 'field_mappings_unsupported',
          message: 'takes none',
        },
        {
          field: 'fieldMappings[2].source.name',
          code: 'field_mapping_source_unknown',
          message: 'unknown trait',
        },
        {
          field: 'fieldMappings[2].destinationField',
          code: 'field_mapping_duplicate',
          message: 'taken',
        },
        { field: 'schedule.cron', code: 'cron_invalid', message: 'bad cron' },
        {
          field: 'schedule.timezone',
          code: 'timezone_invalid',
          message: 'bad zone',
        },
        {
          field: 'schedule.type',
          code: 'schedule_type_unknown',
          message: 'bad type',
        },
        {
          field: 'audienceId',
          code: 'audience_empty',
          message: 'has no members',
        },
        { field: '', code: 'no_change', message: 'something else' },
      ]),
    ).toEqual({
      mode: 'is wrong',
      object: 'is gone',
      fieldMappings: 'takes none',
      fieldMappingRows: {
        2: { source: 'unknown trait', destinationField: 'taken' },
      },
      cron: 'bad cron',
      timezone: 'bad zone',
      scheduleType: 'bad type',
      general: ['audienceId: has no members', 'something else'],
    });
  });

  it('shows a problem found by both the shared checks and the server once', () => {
    const problem = {
      field: 'schedule.timezone',
      code: 'timezone_invalid' as const,
      message: "'Mars/Base' is not a known IANA time zone",
    };
    expect(toFormErrors([problem, { ...problem }]).timezone).toBe(
      problem.message,
    );
  });
});

describe('formProblems', () => {
  const sync = aSync();

  it('checks the schedule, and the field mappings once the audience and destination are known', () => {
    const form = toEditSyncForm(sync);
    form.schedule = { type: 'daily', cron: '', timezone: 'Mars/Base' };
    form.fieldMappings.push({
      source: { kind: 'trait', name: 'lifetime_value' },
      destinationField: 'Customer_Value__c',
    });
    expect(formProblems(form, undefined, undefined)).toEqual([
      expect.objectContaining({ field: 'schedule.timezone' }),
    ]);
    expect(formProblems(form, anAudience(), aDestination())).toEqual([
      expect.objectContaining({
        field: 'fieldMappings[1].destinationField',
        code: 'field_mapping_duplicate',
      }),
      expect.objectContaining({ field: 'schedule.timezone' }),
    ]);
    expect(
      formProblems(toEditSyncForm(sync), anAudience(), aDestination()),
    ).toEqual([]);
  });
});
