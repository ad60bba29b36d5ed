/*
 * The backend internals the benchmarks drive, by relative deep path: the plugin's public API is the
 * plugin itself, and benchmarking its engine must not widen that API.
 */
/* eslint-disable @backstage/no-relative-monorepo-imports */
export { SyncPlanner } from '../../../plugins/audience-syncs-backend/src/engine/SyncPlanner';
export { createSyncEngine } from '../../../plugins/audience-syncs-backend/src/engine/createSyncEngine';
export { createStores } from '../../../plugins/audience-syncs-backend/src/database/AudienceSyncsStores';
export { toPublicRun } from '../../../plugins/audience-syncs-backend/src/database/RunStore';
export { LEDGER_TABLE } from '../../../plugins/audience-syncs-backend/src/database/ledger/LedgerStore';
export { MEMBER_HISTORY_TABLE } from '../../../plugins/audience-syncs-backend/src/database/MemberHistoryStore';
export { SNAPSHOT_MEMBERS_TABLE } from '../../../plugins/audience-syncs-backend/src/database/snapshotMembersTable';
export { publishEvaluation } from '../../../plugins/audience-syncs-backend/src/audiences/publishEvaluation';
export { migrationsDir } from '../../../plugins/audience-syncs-backend/src/database/migrateDatabase';
export { DestinationRegistry } from '../../../plugins/audience-syncs-backend/src/destinations/DestinationRegistry';
export { AudienceCatalog } from '../../../plugins/audience-syncs-backend/src/audiences/AudienceCatalog';
export { AudienceEvaluator } from '../../../plugins/audience-syncs-backend/src/audiences/AudienceEvaluator';
export { builtInConnectors } from '../../../plugins/audience-syncs-backend/src/destinations/builtInConnectors';
export { normalizePhone } from '../../../plugins/audience-syncs-backend/src/destinations/prepare/normalizePhone';
export { readRunDetail } from '../../../plugins/audience-syncs-backend/src/service/readRunDetail';
