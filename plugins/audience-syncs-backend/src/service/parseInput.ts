import {
  INPUT_LIMITS,
  SyncProblem,
  zodProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { z } from 'zod';
import { SyncProblemsError } from './SyncProblemsError';

/** The part of a request a value came from; a problem about the whole value names it. */
export type RequestPart = 'body' | 'query';

/** Parses a request part, or fails with a 400 whose problems name each offending field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  part: RequestPart,
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new SyncProblemsError(
      zodProblems(result.error).map(problem =>
        problem.field === '' ? { ...problem, field: part } : problem,
      ),
    );
  }
  return result.data;
}

function refuse(field: string, message: string): never {
  const problem: SyncProblem = { field, code: 'invalid_value', message };
  throw new SyncProblemsError([problem]);
}

/** A run id of the path: digits only, within the database's integers. */
export function parseRunId(value: string): number {
  const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!(id >= 1 && id <= INPUT_LIMITS.integer)) {
    refuse('runId', `'${value.slice(0, 40)}' is not a run id`);
  }
  return id;
}

/**
 * An id of the path (`syncId`, `audienceId`, `destinationId`) that could be stored: one longer than its
 * column or holding a NUL character names nothing, and never reaches the database.
 */
export function parsePathId(field: string, value: string, max: number): string {
  if (value.length > max || value.includes('\u0000')) {
    refuse(field, `is not a valid id (at most ${max} characters, no NUL)`);
  }
  return value;
}

/** `?dryRun=`: `true` or `false`, nothing else, so a typo never performs the real change. */
export function parseDryRun(value: unknown): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  return refuse('dryRun', "must be 'true' or 'false'");
}
