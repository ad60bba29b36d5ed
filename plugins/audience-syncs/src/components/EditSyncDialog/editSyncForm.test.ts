import { aSync } from '../../__testUtils__/fixtures';
import { toEditSyncForm, toFormErrors, toUpdateRequest } from './editSyncForm';

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
        { field: 'mode', message: 'is wrong' },
        { field: 'object.id', message: 'is gone' },
        { field: 'fieldMappings', message: 'takes none' },
        { field: 'fieldMappings[2].source.name', message: 'unknown trait' },
        { field: 'fieldMappings[2].destinationField', message: 'taken' },
        { field: 'schedule.cron', message: 'bad cron' },
        { field: 'schedule.timezone', message: 'bad zone' },
        { field: 'schedule.type', message: 'bad type' },
        { field: 'audienceId', message: 'has no members' },
        { message: 'something else' },
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
});
