/**
 * The snapshot members table, SnapshotStore's: named also by the ledger's diff queries (one statement joins
 * both sides) and by writeSnapshotMembers, the bulk loads that must not go row by row. Nothing else names it.
 */
export const SNAPSHOT_MEMBERS_TABLE = 'audience_members';
