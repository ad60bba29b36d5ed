/** A lease on one sync: who runs it, until when. Commits are fenced by it. */
export interface Lease {
  syncId: string;
  owner: string;
}

/** The sync changed owner (its lease expired and another instance took it) or was deleted. */
export class LeaseLostError extends Error {
  constructor(syncId: string) {
    super(`The lease on audience sync '${syncId}' was lost`);
    this.name = 'LeaseLostError';
  }
}
