import { toSchedule, toScheduleDraft } from './scheduleDraft';

describe('scheduleDraft', () => {
  it('trims a draft and leaves out what the schedule type does not use', () => {
    expect(
      toSchedule({ type: 'cron', cron: ' 0 9 * * 1-5 ', timezone: '' }),
    ).toEqual({ type: 'cron', cron: '0 9 * * 1-5' });
    expect(
      toSchedule({
        type: 'daily',
        cron: '0 9 * * *',
        timezone: ' Europe/Berlin',
      }),
    ).toEqual({ type: 'daily', timezone: 'Europe/Berlin' });
    expect(toSchedule({ type: 'cron', cron: '  ', timezone: '' })).toEqual({
      type: 'cron',
    });
  });

  it('turns a schedule into a draft and back', () => {
    const schedule = {
      type: 'cron' as const,
      cron: '*/5 * * * *',
      timezone: 'UTC',
    };
    expect(toScheduleDraft({ type: 'hourly' })).toEqual({
      type: 'hourly',
      cron: '',
      timezone: '',
    });
    expect(toSchedule(toScheduleDraft(schedule))).toEqual(schedule);
  });
});
