import { SyncProblem } from '@signalsmith/backstage-plugin-audience-syncs-common';

function isProblem(value: unknown): value is SyncProblem {
  const problem = value as Partial<SyncProblem> | null;
  return (
    typeof problem?.field === 'string' &&
    typeof problem.code === 'string' &&
    typeof problem.message === 'string'
  );
}

/**
 * The problems of a request the backend refused with a 400, each naming the field it is about
 * (`SyncProblemsResponseBody`); empty for any other failure, whose message is then all there is to show.
 *
 * @public
 */
export function syncProblemsOf(error: unknown): SyncProblem[] {
  const failure = error as
    | { statusCode?: unknown; body?: { problems?: unknown } }
    | undefined;
  const problems = failure?.body?.problems;
  if (failure?.statusCode !== 400 || !Array.isArray(problems)) {
    return [];
  }
  return problems.filter(isProblem);
}
