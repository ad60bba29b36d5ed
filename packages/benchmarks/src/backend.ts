/*
 * The backend internals the benchmarks drive, by relative deep path: the plugin's public API is the
 * plugin itself, and benchmarking its engine must not widen that API.
 */
/* eslint-disable @backstage/no-relative-monorepo-imports */
export { SyncPlanner } from '../../../plugins/audience-syncs-backend/src/engine/SyncPlanner';
export { createSyncEngine } from '../../../plugins/audience-syncs-backend/src/engine/createSyncEngine';
export { RemovalGuard } from '../../../plugins/audience-syncs-backend/src/engine/RemovalGuard';
export { AudienceSnapshotStore } from '../../../plugins/audience-syncs-backend/src/database/AudienceSnapshotStore';
export { SyncStore } from '../../../plugins/audience-syncs-backend/src/database/SyncStore';
export { migrationsDir } from '../../../plugins/audience-syncs-backend/src/database/migrateDatabase';
export { DestinationRegistry } from '../../../plugins/audience-syncs-backend/src/destinations/DestinationRegistry';
export { builtInConnectors } from '../../../plugins/audience-syncs-backend/src/destinations/builtInConnectors';
