import { AudienceSyncsStores } from '../database/AudienceSyncsStores';

/**
 * Completes an evaluation: its snapshot becomes the audience's current one, and older snapshots are
 * dropped except those that running sync runs still read, all in one transaction.
 */
export function publishEvaluation(
  stores: Pick<AudienceSyncsStores, 'snapshots' | 'runs' | 'transaction'>,
  evaluationId: number,
  memberCount: number,
): Promise<void> {
  return stores.transaction(async tx =>
    stores.snapshots.completeEvaluation(
      evaluationId,
      memberCount,
      await stores.runs.evaluationsInUse(tx),
      tx,
    ),
  );
}
