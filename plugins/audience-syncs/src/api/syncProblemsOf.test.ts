import { problemsError, responseError } from '../__testUtils__/responseError';
import { syncProblemsOf } from './syncProblemsOf';

describe('syncProblemsOf', () => {
  it('reads the problems of a 400, each whole with its field and code', async () => {
    const problems = [
      {
        field: 'schedule.cron',
        code: 'cron_invalid' as const,
        message:
          "'0 0 9 * * 1' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 6; seconds are not supported)",
      },
      {
        field: 'schedule.timezone',
        code: 'timezone_invalid' as const,
        message: "'Mars/Base' is not a known IANA time zone",
      },
      {
        field: '',
        code: 'no_change' as const,
        message:
          'must change at least one of name, object, mode, identifier, fieldMappings, schedule, owner',
      },
    ];
    expect(syncProblemsOf(await problemsError(problems))).toEqual(problems);
  });

  it('finds none in any other failure, nor in a 400 that lists none', async () => {
    expect(
      syncProblemsOf(await responseError(409, 'ConflictError', 'is paused')),
    ).toEqual([]);
    expect(
      syncProblemsOf(await responseError(400, 'InputError', 'bad request')),
    ).toEqual([]);
    expect(syncProblemsOf(new Error('offline'))).toEqual([]);
    expect(syncProblemsOf(undefined)).toEqual([]);
  });

  it('skips entries that are not problems', async () => {
    const error = await responseError(400, 'InputError', 'x', {
      problems: [
        { field: 'owner', code: 'owner_invalid', message: 'is not a ref' },
        { field: 'owner' },
        'owner: is not a ref',
      ],
    });
    expect(syncProblemsOf(error)).toEqual([
      { field: 'owner', code: 'owner_invalid', message: 'is not a ref' },
    ]);
  });
});
