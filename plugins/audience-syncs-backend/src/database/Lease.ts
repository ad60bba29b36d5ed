/**
 * A lease on one sync: who runs it, under which claim. The token is fresh for every claim, so a copy of a
 * run from an earlier claim (a process that stalled past its lease) is fenced out even when the same
 * instance claimed the sync again.
 */
export interface Lease {
  syncId: string;
  owner: string;
  token: string;
}

/** A sync's lease as stored; all null when nobody holds it. */
export interface StoredLease {
  syncId: string;
  owner: string | null;
  token: string | null;
  expiresAt: string | null;
  /** When its holder was last seen alive: its claim, last heartbeat or last fenced commit. */
  seenAt: string | null;
}

/** The sync changed owner (its lease expired and another claim took it) or was deleted. */
export class LeaseLostError extends Error {
  constructor(syncId: string) {
    super(`The lease on audience sync '${syncId}' was lost`);
    this.name = 'LeaseLostError';
  }
}
