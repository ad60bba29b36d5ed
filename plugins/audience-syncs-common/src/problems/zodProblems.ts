import { z } from 'zod';
import { FieldPath, formatFieldPath } from './fieldPath';
import { REQUIRED_MESSAGE, SyncProblem, SyncProblemCode } from './SyncProblem';

function problemOf(issue: z.ZodIssue, path: FieldPath): SyncProblem {
  const field = formatFieldPath(path);
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === z.ZodParsedType.undefined
        ? { field, code: 'required', message: REQUIRED_MESSAGE }
        : { field, code: 'invalid_type', message: issue.message };
    case z.ZodIssueCode.too_small:
      return issue.type === 'string' && issue.minimum === 1
        ? { field, code: 'required', message: REQUIRED_MESSAGE }
        : { field, code: 'too_small', message: issue.message };
    case z.ZodIssueCode.too_big:
      return { field, code: 'too_big', message: issue.message };
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal:
      return { field, code: 'invalid_option', message: issue.message };
    case z.ZodIssueCode.custom:
      return {
        field,
        code: (issue.params?.code as SyncProblemCode) ?? 'invalid_value',
        message: issue.message,
      };
    default:
      return { field, code: 'invalid_value', message: issue.message };
  }
}

/**
 * The alternative of a union that the value came closest to, judged by how few problems it has: for
 * `{ create: { name: '' } }` against `{ id } | { create: { name } }`, the problem is the empty name, not
 * the missing id. The first alternative wins a tie.
 */
function closestAlternative(issue: z.ZodInvalidUnionIssue): z.ZodError {
  return issue.unionErrors.reduce((closest, candidate) =>
    candidate.issues.length < closest.issues.length ? candidate : closest,
  );
}

function issueProblems(issue: z.ZodIssue, prefix: FieldPath): SyncProblem[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    return issue.keys.map(key => ({
      field: formatFieldPath([...path, key]),
      code: 'unknown_field',
      message: 'is not a known field',
    }));
  }
  if (
    issue.code === z.ZodIssueCode.invalid_union &&
    issue.unionErrors.length > 0
  ) {
    return closestAlternative(issue).issues.flatMap(inner =>
      issueProblems(inner, prefix),
    );
  }
  return [problemOf(issue, path)];
}

/**
 * The problems of a value that does not have the shape of a schema, each naming its field by the zod
 * path. `prefix` is the path of the parsed value itself, e.g. `['audienceSyncs', 'audiences']` for config.
 *
 * @public
 */
export function zodProblems(
  error: z.ZodError,
  prefix: FieldPath = [],
): SyncProblem[] {
  return error.issues.flatMap(issue => issueProblems(issue, prefix));
}
