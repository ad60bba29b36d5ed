import { zodProblems } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { z } from 'zod';
import { SyncProblemsError } from './SyncProblemsError';

/** Parses a request part, or fails with a 400 whose problems name each offending field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new SyncProblemsError(zodProblems(result.error));
  return result.data;
}

export function parseRunId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new SyncProblemsError([
      {
        field: 'runId',
        code: 'invalid_value',
        message: `'${value}' is not a run id`,
      },
    ]);
  }
  return id;
}
