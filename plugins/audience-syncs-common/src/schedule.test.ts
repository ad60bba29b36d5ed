import { DateTime } from 'luxon';
import {
  describeSchedule,
  evaluationScheduleNotice,
  isFasterThan,
  nextRunAt,
  nextRunTimes,
  scheduleToCron,
  scheduleWarning,
  typicalIntervalMs,
  scheduleProblems,
} from './schedule';
import { Schedule } from './types';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const manual: Schedule = { type: 'manual' };
const every15Minutes: Schedule = { type: 'every_15_minutes' };
const hourly: Schedule = { type: 'hourly' };
const daily: Schedule = { type: 'daily' };
const weekly: Schedule = { type: 'weekly' };
const weekdays9am: Schedule = { type: 'cron', cron: '0 9 * * 1-5' };

function iso(dates: Date[]): string[] {
  return dates.map(date => date.toISOString());
}

describe('scheduleToCron', () => {
  it('maps each preset to its cron expression', () => {
    expect(scheduleToCron(every15Minutes)).toBe('*/15 * * * *');
    expect(scheduleToCron(hourly)).toBe('0 * * * *');
    expect(scheduleToCron(daily)).toBe('0 0 * * *');
    expect(scheduleToCron(weekly)).toBe('0 0 * * 1');
  });

  it('returns the expression of a cron schedule', () => {
    expect(scheduleToCron(weekdays9am)).toBe('0 9 * * 1-5');
  });

  it('returns undefined for a manual schedule', () => {
    expect(scheduleToCron(manual)).toBeUndefined();
  });
});

describe('scheduleProblems', () => {
  it('accepts every preset, with and without a time zone', () => {
    for (const type of [
      'manual',
      'after_evaluation',
      'every_15_minutes',
      'hourly',
      'daily',
      'weekly',
    ] as const) {
      expect(scheduleProblems({ type })).toEqual([]);
      expect(scheduleProblems({ type, timezone: 'Europe/Berlin' })).toEqual([]);
    }
  });

  it('accepts 5-field cron expressions, including names, L and #', () => {
    for (const cron of [
      '0 9 * * 1-5',
      '0 9 * * MON-FRI',
      '*/30 8-18 * * *',
      '0 0 L * *',
      '0 0 * * 1#1',
      '0 0 29 2 *',
    ]) {
      expect(scheduleProblems({ type: 'cron', cron })).toEqual([]);
    }
  });

  it('rejects an invalid cron expression, naming the field and the reason', () => {
    const problems = scheduleProblems({ type: 'cron', cron: '61 * * * *' });
    expect(problems).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_invalid',
        message: expect.stringMatching(
          /^'61 \* \* \* \*' is not a valid cron expression \(.*61.*\)$/,
        ),
      },
    ]);
  });

  it('rejects garbage', () => {
    expect(scheduleProblems({ type: 'cron', cron: 'a b c d e' })).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_invalid',
        message: expect.stringMatching(
          /^'a b c d e' is not a valid cron expression \(.+\)$/,
        ),
      },
    ]);
  });

  it('rejects a 6-field cron expression with seconds', () => {
    expect(scheduleProblems({ type: 'cron', cron: '0 0 9 * * 1-5' })).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_invalid',
        message:
          "'0 0 9 * * 1-5' is not a valid cron expression (expected 5 fields: minute hour day-of-month month day-of-week, got 6; seconds are not supported)",
      },
    ]);
  });

  it('rejects expressions cron-parser would silently complete or expand', () => {
    // cron-parser reads '' as every minute, '1 2 3' as '* * 1 2 3' and
    // '@daily' as its 6-field equivalent.
    for (const cron of ['1 2 3', '@daily']) {
      expect(scheduleProblems({ type: 'cron', cron })).toEqual([
        {
          field: 'schedule.cron',
          code: 'cron_invalid',
          message: expect.stringMatching(
            /^.* is not a valid cron expression \(expected 5 fields/,
          ),
        },
      ]);
    }
    expect(scheduleProblems({ type: 'cron', cron: '  ' })).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_required',
        message: 'is required when the schedule type is cron',
      },
    ]);
  });

  it('requires the expression of a cron schedule', () => {
    expect(scheduleProblems({ type: 'cron' })).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_required',
        message: 'is required when the schedule type is cron',
      },
    ]);
  });

  it('allows an expression only on a cron schedule', () => {
    expect(scheduleProblems({ type: 'daily', cron: '0 9 * * *' })).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_not_allowed',
        message: 'is only allowed when the schedule type is cron, not daily',
      },
    ]);
  });

  it('rejects the random H wildcard, whose runs would change on every call', () => {
    expect(scheduleProblems({ type: 'cron', cron: 'H * * * *' })).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_invalid',
        message:
          "'H * * * *' is not a valid cron expression (the H (hash) wildcard is not supported)",
      },
    ]);
    // ...but not the H in THU.
    expect(scheduleProblems({ type: 'cron', cron: '0 9 * * THU' })).toEqual([]);
  });

  it('rejects a cron expression that never fires', () => {
    expect(scheduleProblems({ type: 'cron', cron: '0 0 31 2 *' })).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_never_fires',
        message:
          "'0 0 31 2 *' never fires (none of its months has that day of the month)",
      },
    ]);
    expect(scheduleProblems({ type: 'cron', cron: '0 0 31 4,6 *' })).toEqual([
      {
        field: 'schedule.cron',
        code: 'cron_never_fires',
        message: expect.stringMatching(/^'0 0 31 4,6 \*' never fires/),
      },
    ]);
  });

  it('rejects an unknown time zone', () => {
    expect(
      scheduleProblems({ type: 'daily', timezone: 'Mars/Olympus' }),
    ).toEqual([
      {
        field: 'schedule.timezone',
        code: 'timezone_invalid',
        message: "'Mars/Olympus' is not a known IANA time zone",
      },
    ]);
  });

  it('rejects an unknown schedule type', () => {
    expect(scheduleProblems({ type: 'sometimes' as any })).toEqual([
      {
        field: 'schedule.type',
        code: 'schedule_type_unknown',
        message:
          "'sometimes' is not a known schedule type (expected one of manual, every_15_minutes, hourly, daily, weekly, cron, after_evaluation)",
      },
    ]);
  });

  it('reports every problem, under the given field', () => {
    expect(
      scheduleProblems(
        { type: 'cron', cron: '0 0 9 * * *', timezone: 'Nowhere' },
        'evaluationSchedule',
      ),
    ).toEqual([
      {
        field: 'evaluationSchedule.timezone',
        code: 'timezone_invalid',
        message: "'Nowhere' is not a known IANA time zone",
      },
      {
        field: 'evaluationSchedule.cron',
        code: 'cron_invalid',
        message: expect.stringMatching(
          /^'0 0 9 \* \* \*' is not a valid cron expression/,
        ),
      },
    ]);
  });
});

describe('nextRunTimes', () => {
  const from = new Date('2025-01-08T10:07:00Z'); // a Wednesday

  it('runs every 15 minutes on the quarter hour', () => {
    expect(iso(nextRunTimes(every15Minutes, from, 4))).toEqual([
      '2025-01-08T10:15:00.000Z',
      '2025-01-08T10:30:00.000Z',
      '2025-01-08T10:45:00.000Z',
      '2025-01-08T11:00:00.000Z',
    ]);
  });

  it('runs hourly on the hour', () => {
    expect(iso(nextRunTimes(hourly, from, 3))).toEqual([
      '2025-01-08T11:00:00.000Z',
      '2025-01-08T12:00:00.000Z',
      '2025-01-08T13:00:00.000Z',
    ]);
  });

  it('runs daily at midnight', () => {
    expect(iso(nextRunTimes(daily, from, 3))).toEqual([
      '2025-01-09T00:00:00.000Z',
      '2025-01-10T00:00:00.000Z',
      '2025-01-11T00:00:00.000Z',
    ]);
  });

  it('runs weekly on Monday at midnight', () => {
    expect(iso(nextRunTimes(weekly, from, 3))).toEqual([
      '2025-01-13T00:00:00.000Z',
      '2025-01-20T00:00:00.000Z',
      '2025-01-27T00:00:00.000Z',
    ]);
  });

  it('runs a cron schedule on its expression', () => {
    expect(iso(nextRunTimes(weekdays9am, from, 4))).toEqual([
      '2025-01-09T09:00:00.000Z',
      '2025-01-10T09:00:00.000Z',
      '2025-01-13T09:00:00.000Z',
      '2025-01-14T09:00:00.000Z',
    ]);
  });

  it('never runs a manual schedule', () => {
    expect(nextRunTimes(manual, from, 5)).toEqual([]);
  });

  it('reads presets in the time zone of the schedule', () => {
    expect(
      iso(nextRunTimes({ type: 'daily', timezone: 'Europe/Berlin' }, from, 2)),
    ).toEqual(['2025-01-08T23:00:00.000Z', '2025-01-09T23:00:00.000Z']);
    // Half-hour zones shift even hourly runs.
    expect(
      iso(nextRunTimes({ type: 'hourly', timezone: 'Asia/Kolkata' }, from, 2)),
    ).toEqual(['2025-01-08T10:30:00.000Z', '2025-01-08T11:30:00.000Z']);
  });

  it('keeps a cron at the same local time across the spring DST change', () => {
    // Europe/Berlin moves from UTC+1 to UTC+2 on Sunday 2025-03-30.
    const runs = nextRunTimes(
      { ...weekdays9am, timezone: 'Europe/Berlin' },
      new Date('2025-03-27T12:00:00Z'),
      3,
    );
    expect(iso(runs)).toEqual([
      '2025-03-28T08:00:00.000Z', // Friday, 09:00 CET
      '2025-03-31T07:00:00.000Z', // Monday, 09:00 CEST
      '2025-04-01T07:00:00.000Z',
    ]);
    for (const run of runs) {
      expect(
        DateTime.fromJSDate(run, { zone: 'Europe/Berlin' }).toFormat('HH:mm'),
      ).toBe('09:00');
    }
  });

  it('runs daily at local midnight across the spring DST change', () => {
    expect(
      iso(
        nextRunTimes(
          { type: 'daily', timezone: 'Europe/Berlin' },
          new Date('2025-03-28T12:00:00Z'),
          3,
        ),
      ),
    ).toEqual([
      '2025-03-28T23:00:00.000Z',
      '2025-03-29T23:00:00.000Z',
      '2025-03-30T22:00:00.000Z',
    ]);
  });

  it('keeps hourly runs an hour apart through the repeated autumn hour', () => {
    // On 2025-10-26 Berlin clocks go from 03:00 CEST back to 02:00 CET.
    expect(
      iso(
        nextRunTimes(
          { type: 'hourly', timezone: 'Europe/Berlin' },
          new Date('2025-10-25T23:30:00Z'),
          3,
        ),
      ),
    ).toEqual([
      '2025-10-26T00:00:00.000Z', // 02:00 CEST
      '2025-10-26T01:00:00.000Z', // 02:00 CET
      '2025-10-26T02:00:00.000Z', // 03:00 CET
    ]);
  });

  it('excludes a run exactly at `from`', () => {
    expect(
      iso(nextRunTimes(hourly, new Date('2025-01-08T10:00:00Z'), 1)),
    ).toEqual(['2025-01-08T11:00:00.000Z']);
    expect(
      iso(nextRunTimes(daily, new Date('2025-01-08T00:00:00Z'), 1)),
    ).toEqual(['2025-01-09T00:00:00.000Z']);
  });

  it('includes a run a millisecond after `from`', () => {
    expect(
      iso(nextRunTimes(hourly, new Date('2025-01-08T10:59:59.999Z'), 1)),
    ).toEqual(['2025-01-08T11:00:00.000Z']);
  });

  it('returns nothing for a count of 0', () => {
    expect(nextRunTimes(hourly, from, 0)).toEqual([]);
  });

  it('throws the validation problems of an invalid schedule', () => {
    expect(() =>
      nextRunTimes({ type: 'cron', cron: '0 0 31 2 *' }, from, 1),
    ).toThrow("schedule.cron: '0 0 31 2 *' never fires");
    expect(() =>
      nextRunTimes({ type: 'hourly', timezone: 'Mars/Olympus' }, from, 1),
    ).toThrow(
      "schedule.timezone: 'Mars/Olympus' is not a known IANA time zone",
    );
  });
});

describe('nextRunAt', () => {
  it('returns the first next run', () => {
    expect(
      nextRunAt(weekdays9am, new Date('2025-01-10T09:00:00Z'))?.toISOString(),
    ).toBe('2025-01-13T09:00:00.000Z');
  });

  it('returns null for a manual schedule', () => {
    expect(nextRunAt(manual, new Date('2025-01-10T09:00:00Z'))).toBeNull();
  });

  it('throws for an invalid schedule', () => {
    expect(() =>
      nextRunAt({ type: 'cron', cron: '61 * * * *' }, new Date()),
    ).toThrow(/^schedule\.cron: '61 \* \* \* \*' is not a valid cron/);
  });
});

describe('typicalIntervalMs', () => {
  it('gives the interval of each preset', () => {
    expect(typicalIntervalMs(every15Minutes)).toBe(15 * MINUTE);
    expect(typicalIntervalMs(hourly)).toBe(HOUR);
    expect(typicalIntervalMs(daily)).toBe(DAY);
    expect(typicalIntervalMs(weekly)).toBe(7 * DAY);
  });

  it('gives 24h for weekdays at 09:00, despite the weekend gaps', () => {
    expect(typicalIntervalMs(weekdays9am)).toBe(DAY);
    expect(
      typicalIntervalMs({ ...weekdays9am, timezone: 'Europe/Berlin' }),
    ).toBe(DAY);
  });

  it('returns null for a manual schedule', () => {
    expect(typicalIntervalMs(manual)).toBeNull();
  });
});

describe('isFasterThan', () => {
  it('is true for an hourly sync of a daily audience', () => {
    expect(isFasterThan(hourly, daily)).toBe(true);
  });

  it('is true for a 15-minute sync of an hourly audience', () => {
    expect(isFasterThan(every15Minutes, hourly)).toBe(true);
  });

  it('is false for the same frequency, even in another time zone', () => {
    expect(isFasterThan(daily, daily)).toBe(false);
    expect(isFasterThan({ type: 'daily', timezone: 'Asia/Tokyo' }, daily)).toBe(
      false,
    );
  });

  it('is false for a weekday 09:00 sync of a daily audience', () => {
    expect(isFasterThan(weekdays9am, daily)).toBe(false);
  });

  it('is false for a slower sync', () => {
    expect(isFasterThan(weekly, daily)).toBe(false);
  });

  it('is false for a manual sync', () => {
    expect(isFasterThan(manual, daily)).toBe(false);
  });

  it('is false for a manual evaluation schedule, whose frequency is unknown', () => {
    expect(isFasterThan(every15Minutes, manual)).toBe(false);
  });
});

describe('describeSchedule', () => {
  it('describes the presets', () => {
    expect(describeSchedule(manual)).toBe('Manual');
    expect(describeSchedule(every15Minutes)).toBe('Every 15 minutes (UTC)');
    expect(describeSchedule(hourly)).toBe('Hourly (UTC)');
    expect(describeSchedule(daily)).toBe('Daily at 00:00 (UTC)');
    expect(describeSchedule(weekly)).toBe('Weekly on Monday at 00:00 (UTC)');
  });

  it('shows the time zone of the schedule, but not for manual', () => {
    expect(describeSchedule({ type: 'daily', timezone: 'Europe/Berlin' })).toBe(
      'Daily at 00:00 (Europe/Berlin)',
    );
    expect(
      describeSchedule({ type: 'manual', timezone: 'Europe/Berlin' }),
    ).toBe('Manual');
  });

  it('describes a cron expression in 24-hour time', () => {
    expect(
      describeSchedule({ ...weekdays9am, timezone: 'Europe/Berlin' }),
    ).toBe('At 09:00, Monday through Friday (Europe/Berlin)');
    expect(describeSchedule({ type: 'cron', cron: '30 18 * * 0' })).toBe(
      'At 18:30, only on Sunday (UTC)',
    );
  });

  it('shows an unreadable cron expression as written instead of throwing', () => {
    expect(describeSchedule({ type: 'cron', cron: '61 * * * *' })).toBe(
      "Cron '61 * * * *' (UTC)",
    );
  });
});

describe('scheduleWarning', () => {
  it('warns about an hourly sync of a daily audience', () => {
    expect(scheduleWarning(hourly, daily)).toBe(
      'This sync runs more often (hourly (UTC)) than the audience is evaluated (daily at 00:00 (UTC)): runs between evaluations will find no new members. Choose the same frequency or slower.',
    );
  });

  it('lower-cases the first letter of a cron description', () => {
    expect(
      scheduleWarning(
        { type: 'cron', cron: '0 9,17 * * *', timezone: 'Europe/Berlin' },
        daily,
      ),
    ).toBe(
      'This sync runs more often (at 09:00 and 17:00 (Europe/Berlin)) than the audience is evaluated (daily at 00:00 (UTC)): runs between evaluations will find no new members. Choose the same frequency or slower.',
    );
  });

  it('does not warn when the sync is not faster', () => {
    expect(scheduleWarning(daily, daily)).toBeUndefined();
    expect(scheduleWarning(weekdays9am, daily)).toBeUndefined();
    expect(scheduleWarning(weekly, daily)).toBeUndefined();
    expect(scheduleWarning(manual, daily)).toBeUndefined();
    expect(scheduleWarning(hourly, manual)).toBeUndefined();
  });
});

describe('a schedule that runs after each evaluation', () => {
  const afterEvaluation: Schedule = { type: 'after_evaluation' };

  it('has no times of its own', () => {
    expect(scheduleProblems(afterEvaluation)).toEqual([]);
    expect(scheduleToCron(afterEvaluation)).toBeUndefined();
    expect(nextRunAt(afterEvaluation, new Date())).toBeNull();
    expect(typicalIntervalMs(afterEvaluation)).toBeNull();
    expect(describeSchedule(afterEvaluation)).toBe(
      'After each evaluation of the audience',
    );
  });

  it('says it follows the evaluation schedule, and warns only when the audience is evaluated by hand', () => {
    expect(evaluationScheduleNotice(afterEvaluation, hourly)).toEqual({
      severity: 'info',
      message:
        "This sync follows the audience's evaluation schedule (hourly (UTC)): it runs once after each evaluation that brings a new snapshot.",
    });
    expect(scheduleWarning(afterEvaluation, hourly)).toBeUndefined();
    expect(scheduleWarning(afterEvaluation, manual)).toBe(
      'This sync runs after each evaluation of the audience, but the audience is only evaluated by hand: the sync runs only when someone evaluates it.',
    );
  });

  it('keeps the warning for schedules faster than the evaluations', () => {
    expect(evaluationScheduleNotice(every15Minutes, daily)).toEqual({
      severity: 'warning',
      message: scheduleWarning(every15Minutes, daily),
    });
    expect(evaluationScheduleNotice(daily, every15Minutes)).toBeUndefined();
  });
});
