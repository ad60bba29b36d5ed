import { CronExpressionParser } from 'cron-parser';
import cronstrue from 'cronstrue';
import { IANAZone } from 'luxon';
import { formatProblems, SyncProblem } from './problems/SyncProblem';
import { Schedule, SCHEDULE_TYPES } from './types';

/** Time zone a schedule is read in when it names none. */
const DEFAULT_TIMEZONE = 'UTC';

/** Cron equivalents of the preset schedule types. */
const PRESET_CRONS = {
  every_15_minutes: '*/15 * * * *',
  hourly: '0 * * * *',
  daily: '0 0 * * *',
  weekly: '0 0 * * 1',
} as const;

/** A fixed Monday, so that `typicalIntervalMs` gives the same answer whenever it is asked. */
const INTERVAL_REFERENCE_DATE = new Date('2025-01-06T00:00:00Z');
/** Runs sampled by `typicalIntervalMs`: 50 runs give 49 gaps, an odd count with a true median. */
const INTERVAL_SAMPLE_RUNS = 50;

const CRON_FIELDS = 'minute hour day-of-month month day-of-week';

function timezoneOf(schedule: Schedule): string {
  return schedule.timezone ?? DEFAULT_TIMEZONE;
}

/**
 * What is wrong with a cron expression, or undefined when it is usable. The
 * expression is checked in `timezone`, which must be a valid zone.
 */
function cronProblem(
  cron: string | undefined,
  timezone: string,
): Pick<SyncProblem, 'code' | 'message'> | undefined {
  if (cron === undefined || cron.trim() === '') {
    return {
      code: 'cron_required',
      message: 'is required when the schedule type is cron',
    };
  }
  const invalid = (reason: string) => ({
    code: 'cron_invalid' as const,
    message: `'${cron}' is not a valid cron expression (${reason})`,
  });
  const neverFires = (reason: string) => ({
    code: 'cron_never_fires' as const,
    message: `'${cron}' never fires (${reason})`,
  });
  const fieldCount = cron.trim().split(/\s+/).length;
  // cron-parser also takes 6-field (seconds) expressions, `@daily`-style
  // macros, and fills in missing fields (`''` means every minute), so the
  // field count is checked here.
  if (fieldCount !== 5) {
    const seconds = fieldCount === 6 ? '; seconds are not supported' : '';
    return invalid(
      `expected 5 fields: ${CRON_FIELDS}, got ${fieldCount}${seconds}`,
    );
  }
  // cron-parser replaces `H` with a random value on every parse, so the run
  // times would change from one call to the next.
  if (/(^|[^a-z])h(?![a-z])/i.test(cron)) {
    return invalid('the H (hash) wildcard is not supported');
  }
  let expression;
  try {
    expression = CronExpressionParser.parse(cron, {
      currentDate: INTERVAL_REFERENCE_DATE,
      tz: timezone,
    });
  } catch (error) {
    const reason = (error as Error).message;
    // cron-parser rejects days of the month that none of the months has,
    // e.g. `0 0 31 2 *`, at parse time.
    if (/invalid explicit day of month/i.test(reason)) {
      return neverFires('none of its months has that day of the month');
    }
    return invalid(reason);
  }
  try {
    expression.next();
  } catch (error) {
    return neverFires((error as Error).message);
  }
  return undefined;
}

/**
 * Whether a sync with this schedule runs when its audience gets a new snapshot
 * rather than at times of its own.
 *
 * @public
 */
export function runsAfterEvaluation(schedule: Schedule): boolean {
  return schedule.type === 'after_evaluation';
}

/**
 * The cron expression a schedule runs on, so presets and custom crons share
 * one code path. Undefined for manual schedules, for syncs that run after each
 * evaluation (they have no times of their own), and for a cron schedule that
 * lacks its expression.
 *
 * @public
 */
export function scheduleToCron(schedule: Schedule): string | undefined {
  if (schedule.type === 'manual' || schedule.type === 'after_evaluation') {
    return undefined;
  }
  if (schedule.type === 'cron') {
    return schedule.cron;
  }
  return PRESET_CRONS[schedule.type];
}

/**
 * Problems with a schedule, each naming its field under `field` (e.g. `schedule.cron`), so they can be
 * shown next to that field: a known type, a known IANA time zone, and for cron schedules (only) a 5-field
 * cron expression that fires at least once. Empty when valid.
 *
 * @public
 */
export function scheduleProblems(
  schedule: Schedule,
  field = 'schedule',
): SyncProblem[] {
  const problems: SyncProblem[] = [];
  if (!SCHEDULE_TYPES.includes(schedule.type)) {
    problems.push({
      field: `${field}.type`,
      code: 'schedule_type_unknown',
      message: `'${
        schedule.type
      }' is not a known schedule type (expected one of ${SCHEDULE_TYPES.join(
        ', ',
      )})`,
    });
  }
  const timezoneValid =
    schedule.timezone === undefined || IANAZone.isValidZone(schedule.timezone);
  if (!timezoneValid) {
    problems.push({
      field: `${field}.timezone`,
      code: 'timezone_invalid',
      message: `'${schedule.timezone}' is not a known IANA time zone`,
    });
  }
  if (schedule.type === 'cron') {
    const problem = cronProblem(
      schedule.cron,
      timezoneValid ? timezoneOf(schedule) : DEFAULT_TIMEZONE,
    );
    if (problem) {
      problems.push({ field: `${field}.cron`, ...problem });
    }
  } else if (schedule.cron) {
    problems.push({
      field: `${field}.cron`,
      code: 'cron_not_allowed',
      message: `is only allowed when the schedule type is cron, not ${schedule.type}`,
    });
  }
  return problems;
}

/**
 * The next `count` run times strictly after `from`, read in the schedule's
 * time zone (so `0 9 * * 1-5` in `Europe/Berlin` is 09:00 Berlin time on
 * either side of a DST change). Empty for manual schedules and for schedules
 * that run after each evaluation.
 *
 * @throws Error with the problems `scheduleProblems` finds when the schedule is invalid.
 *
 * @public
 */
export function nextRunTimes(
  schedule: Schedule,
  from: Date,
  count: number,
): Date[] {
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) {
    throw new Error(formatProblems(problems));
  }
  if (Number.isNaN(from.getTime())) {
    throw new Error('from: is not a valid date');
  }
  if (!Number.isInteger(count) || count < 0) {
    throw new Error(`count: ${count} is not a non-negative integer`);
  }
  const cron = scheduleToCron(schedule);
  if (cron === undefined || count === 0) {
    return [];
  }
  return CronExpressionParser.parse(cron, {
    currentDate: from,
    tz: timezoneOf(schedule),
  })
    .take(count)
    .map(date => date.toDate());
}

/**
 * When a schedule next runs after `from`; null for manual schedules and for
 * schedules that run after each evaluation (no time is known in advance).
 *
 * @throws Error with the problems `scheduleProblems` finds when the schedule is invalid.
 *
 * @public
 */
export function nextRunAt(schedule: Schedule, from: Date): Date | null {
  return nextRunTimes(schedule, from, 1)[0] ?? null;
}

/**
 * How often a schedule typically runs: the median gap between its next 50
 * runs from a fixed date, so irregular crons (weekdays only, DST days) compare
 * by their usual rhythm and the answer is deterministic. Null for manual
 * schedules and for schedules that run after each evaluation.
 *
 * @throws Error with the problems `scheduleProblems` finds when the schedule is invalid.
 *
 * @public
 */
export function typicalIntervalMs(schedule: Schedule): number | null {
  const runs = nextRunTimes(
    schedule,
    INTERVAL_REFERENCE_DATE,
    INTERVAL_SAMPLE_RUNS,
  );
  if (runs.length < 2) {
    return null;
  }
  const gaps = runs
    .slice(1)
    .map((run, i) => run.getTime() - runs[i].getTime())
    .sort((a, b) => a - b);
  const middle = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1
    ? gaps[middle]
    : (gaps[middle - 1] + gaps[middle]) / 2;
}

/**
 * Whether a sync would run more often than its audience is evaluated, in which
 * case the extra runs find no new members. False when either schedule is
 * manual: a manual sync never outpaces anything, and a manual evaluation has no
 * known frequency.
 *
 * @throws Error with the problems `scheduleProblems` finds when either schedule is invalid.
 *
 * @public
 */
export function isFasterThan(
  syncSchedule: Schedule,
  evaluationSchedule: Schedule,
): boolean {
  const syncInterval = typicalIntervalMs(syncSchedule);
  const evaluationInterval = typicalIntervalMs(evaluationSchedule);
  if (syncInterval === null || evaluationInterval === null) {
    return false;
  }
  return syncInterval < evaluationInterval;
}

function describeCron(cron: string | undefined): string {
  if (cron === undefined || cron.trim() === '') {
    return 'Custom schedule without a cron expression';
  }
  try {
    return cronstrue.toString(cron, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    // A UI label must not throw on an expression that is still being typed.
    return `Cron '${cron}'`;
  }
}

/**
 * A human description of a schedule for the UI, e.g. `Daily at 00:00 (UTC)` or
 * `At 09:00, Monday through Friday (Europe/Berlin)`. The time zone is always
 * shown, except for manual schedules. Never throws: an unreadable cron is shown
 * as written.
 *
 * @public
 */
export function describeSchedule(schedule: Schedule): string {
  const zone = `(${timezoneOf(schedule)})`;
  switch (schedule.type) {
    case 'manual':
      return 'Manual';
    case 'after_evaluation':
      return 'After each evaluation of the audience';
    case 'every_15_minutes':
      return `Every 15 minutes ${zone}`;
    case 'hourly':
      return `Hourly ${zone}`;
    case 'daily':
      return `Daily at 00:00 ${zone}`;
    case 'weekly':
      return `Weekly on Monday at 00:00 ${zone}`;
    case 'cron':
      return `${describeCron(schedule.cron)} ${zone}`;
    default:
      return `Unknown schedule type '${schedule.type as string}'`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('en') + text.slice(1);
}

/**
 * What to tell someone choosing a sync's schedule about the audience's evaluation schedule: for a sync that
 * runs after each evaluation, that it follows that schedule (a warning when the audience is only evaluated
 * by hand, since the sync then runs only when someone evaluates it); for other schedules, a warning when
 * the sync runs more often than the audience is evaluated. Undefined when there is nothing to say.
 *
 * @throws Error with the problems `scheduleProblems` finds when either schedule is invalid.
 *
 * @public
 */
export function evaluationScheduleNotice(
  syncSchedule: Schedule,
  evaluationSchedule: Schedule,
): { severity: 'info' | 'warning'; message: string } | undefined {
  if (runsAfterEvaluation(syncSchedule)) {
    const problems = scheduleProblems(evaluationSchedule);
    if (problems.length > 0) throw new Error(formatProblems(problems));
    if (typicalIntervalMs(evaluationSchedule) === null) {
      return {
        severity: 'warning',
        message:
          'This sync runs after each evaluation of the audience, but the audience is only evaluated by hand: ' +
          'the sync runs only when someone evaluates it.',
      };
    }
    return {
      severity: 'info',
      message: `This sync follows the audience's evaluation schedule (${lowerFirst(
        describeSchedule(evaluationSchedule),
      )}): it runs once after each evaluation that brings a new snapshot.`,
    };
  }
  const warning = fasterThanEvaluationWarning(syncSchedule, evaluationSchedule);
  return warning ? { severity: 'warning', message: warning } : undefined;
}

/**
 * The warning to show about a sync's schedule next to its audience's evaluation schedule (the warnings of
 * `evaluationScheduleNotice`); undefined when there is none.
 *
 * @throws Error with the problems `scheduleProblems` finds when either schedule is invalid.
 *
 * @public
 */
export function scheduleWarning(
  syncSchedule: Schedule,
  evaluationSchedule: Schedule,
): string | undefined {
  const notice = evaluationScheduleNotice(syncSchedule, evaluationSchedule);
  return notice?.severity === 'warning' ? notice.message : undefined;
}

function fasterThanEvaluationWarning(
  syncSchedule: Schedule,
  evaluationSchedule: Schedule,
): string | undefined {
  if (!isFasterThan(syncSchedule, evaluationSchedule)) {
    return undefined;
  }
  return (
    `This sync runs more often (${lowerFirst(
      describeSchedule(syncSchedule),
    )}) ` +
    `than the audience is evaluated (${lowerFirst(
      describeSchedule(evaluationSchedule),
    )}): ` +
    'runs between evaluations will find no new members. Choose the same frequency or slower.'
  );
}
