import { Audience } from '@internal/plugin-audience-syncs-common';

/**
 * Why an audience cannot be synced, or undefined when it can. The guide's prerequisite: it must have been
 * evaluated successfully and have members (the server refuses anything else).
 */
export function audienceUnavailableReason(
  audience: Audience,
): string | undefined {
  if (audience.memberCount === null) {
    const { lastEvaluation } = audience;
    if (lastEvaluation?.status === 'running') {
      return 'Not evaluated yet: the first evaluation is running';
    }
    if (lastEvaluation?.status === 'failed') {
      return `Not evaluated yet: the last evaluation failed${
        lastEvaluation.error ? ` (${lastEvaluation.error})` : ''
      }`;
    }
    return 'Not evaluated yet';
  }
  if (audience.memberCount === 0) {
    return 'No members';
  }
  return undefined;
}
