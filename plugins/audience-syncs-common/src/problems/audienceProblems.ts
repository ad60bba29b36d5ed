import { Audience } from '../types';
import { SyncProblem } from './SyncProblem';

function notEvaluatedDetail({ lastEvaluation }: Audience): string {
  if (lastEvaluation?.status === 'running') {
    return ' (its first evaluation is running)';
  }
  if (lastEvaluation?.status === 'failed') {
    return lastEvaluation.error
      ? ` (last evaluation failed: ${lastEvaluation.error})`
      : ' (last evaluation failed)';
  }
  return '';
}

/**
 * Whether the audience can be synced: it exists, has been evaluated successfully, and has members.
 * `audience` is undefined when no audience has the id `audienceId`.
 *
 * @public
 */
export function audienceProblems(
  audienceId: string,
  audience: Audience | undefined,
): SyncProblem[] {
  const field = 'audienceId';
  if (!audience) {
    return [
      {
        field,
        code: 'audience_not_found',
        message: `no audience '${audienceId}' exists`,
      },
    ];
  }
  if (audience.memberCount === null) {
    return [
      {
        field,
        code: 'audience_not_evaluated',
        message: `audience '${
          audience.name
        }' has not been evaluated successfully yet${notEvaluatedDetail(
          audience,
        )}`,
      },
    ];
  }
  if (audience.memberCount === 0) {
    return [
      {
        field,
        code: 'audience_empty',
        message: `audience '${audience.name}' has no members; a sync needs at least one`,
      },
    ];
  }
  return [];
}
