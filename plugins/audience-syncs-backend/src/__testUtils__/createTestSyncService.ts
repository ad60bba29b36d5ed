import { AudienceDefinition } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import { RemovalGuardLimits } from '../engine/RemovalGuard';
import { SyncService } from '../service/SyncService';
import { AUDIENCE, EngineHarness } from './createEngineHarness';
import { InMemoryAudienceSource } from './InMemoryAudienceSource';

/**
 * The sync service over an engine harness's stores and destination, with the harness's audience
 * ("Buyers": email and user_id keys, a `plan` attribute) in its catalog; members come from
 * `engine.evaluate`.
 */
export async function createTestSyncService(
  engine: EngineHarness,
  options: {
    audience?: Partial<AudienceDefinition>;
    removalGuard?: RemovalGuardLimits;
  } = {},
): Promise<SyncService> {
  const source = new InMemoryAudienceSource().set(
    {
      id: AUDIENCE,
      name: 'Buyers',
      entityType: 'users',
      owner: 'group:default/crm',
      entityKeys: ['email', 'user_id'],
      traits: [],
      attributes: ['plan'],
      evaluationSchedule: { type: 'manual' },
      ...options.audience,
    },
    [],
  );
  return SyncService.create({
    stores: engine.stores,
    audiences: await AudienceCatalog.create({
      sources: [source],
      store: engine.snapshots,
    }),
    destinations: engine.destinations,
    removalGuard: options.removalGuard,
  });
}
