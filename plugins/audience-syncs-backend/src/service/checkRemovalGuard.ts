import { RemovalGuardSettings } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { RemovalGuardLimits } from '../engine/RemovalGuard';
import { SyncProblemsError } from './SyncProblemsError';

/**
 * Refuses (400, naming the field) a sync's guard settings that loosen the guard beyond what the operator
 * allows; tightening it is always allowed.
 */
export function checkRemovalGuard(
  settings: RemovalGuardSettings | undefined,
  limits: RemovalGuardLimits,
): void {
  const problems = [];
  if (
    settings?.maxShare !== undefined &&
    settings.maxShare > limits.maxShareLimit
  ) {
    problems.push({
      field: 'removalGuard.maxShare',
      code: 'too_big' as const,
      message: `must be at most ${limits.maxShareLimit} (${Math.round(
        limits.maxShareLimit * 100,
      )}%), the most this backend allows`,
    });
  }
  if (
    settings?.minRemovals !== undefined &&
    settings.minRemovals > limits.minRemovalsLimit
  ) {
    problems.push({
      field: 'removalGuard.minRemovals',
      code: 'too_big' as const,
      message: `must be at most ${limits.minRemovalsLimit}, the most this backend allows`,
    });
  }
  if (problems.length > 0) throw new SyncProblemsError(problems);
}
