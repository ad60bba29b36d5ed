import { InputError } from '@backstage/errors';
import { describeZodError } from '@internal/plugin-audience-syncs-common';
import { z } from 'zod';

/** Parses a request part, or fails with a 400 whose message names each offending field. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new InputError(describeZodError(result.error));
  return result.data;
}

export function parseRunId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new InputError(`runId: '${value}' is not a run id`);
  }
  return id;
}
