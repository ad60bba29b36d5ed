import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';

export const BENCH_AUDIENCE = 'bench-audience';
export const BENCH_SYNC_ID = 'bench-sync';

/** The sync every generated data set holds: a Mirror sync of the audience's emails, no field mappings. */
export function benchSync(destinationId: string): AudienceSync {
  const now = new Date().toISOString();
  return {
    id: BENCH_SYNC_ID,
    name: 'Benchmark sync',
    audienceId: BENCH_AUDIENCE,
    destinationId,
    object: { id: 'bench-list', name: 'Benchmark list' },
    mode: 'mirror',
    identifier: { entityKey: 'email', field: 'email' },
    fieldMappings: [],
    schedule: { type: 'manual' },
    status: 'active',
    owner: 'group:default/bench',
    createdBy: 'user:default/bench',
    createdAt: now,
    updatedBy: 'user:default/bench',
    updatedAt: now,
    lastSyncedAt: null,
    nextRunAt: null,
    version: 1,
  };
}
