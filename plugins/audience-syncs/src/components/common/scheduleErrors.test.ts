import { scheduleErrors } from './scheduleErrors';

describe('scheduleErrors', () => {
  it('places each schedule problem on its input, and ignores the others', () => {
    expect(
      scheduleErrors([
        { field: 'schedule.cron', code: 'cron_invalid', message: 'bad cron' },
        {
          field: 'schedule.cron',
          code: 'cron_never_fires',
          message: 'never fires',
        },
        {
          field: 'schedule.timezone',
          code: 'timezone_invalid',
          message: 'bad zone',
        },
        { field: 'schedule', code: 'required', message: 'is required' },
        { field: 'owner', code: 'owner_invalid', message: 'not a ref' },
      ]),
    ).toEqual({
      cron: 'bad cron; never fires',
      timezone: 'bad zone',
      type: 'is required',
    });
  });
});
