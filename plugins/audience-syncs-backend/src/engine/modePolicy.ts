import { SyncMode } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { PlanCounts } from '../database/ledger/PlanCounts';

/** What a run of one mode sends for each set of the diff; what it does not send it only records. */
export interface ModePolicy {
  /** Joined members are added; otherwise they are only recorded in the ledger (a baseline). */
  addJoined: boolean;
  /**
   * Departed members are removed; otherwise they stay in the ledger, so a member who comes back is not
   * added twice.
   */
  removeDeparted: boolean;
  /**
   * A member whose identifier changed (a new email): `replace` removes the old value, then adds the new
   * one; `add` only adds the new one; `record` only refreshes the ledger.
   */
  rekey: 'replace' | 'add' | 'record';
  /** New values of mapped fields are sent as updates; otherwise only the ledger is refreshed. */
  sendUpdates: boolean;
}

const POLICIES: Record<SyncMode, ModePolicy> = {
  // The destination holds exactly the audience.
  mirror: {
    addJoined: true,
    removeDeparted: true,
    rekey: 'replace',
    sendUpdates: true,
  },
  // The destination gains members and never loses one.
  additive: {
    addJoined: true,
    removeDeparted: false,
    rekey: 'add',
    sendUpdates: true,
  },
  // The destination loses members who leave and gains none: the first run records the membership it
  // finds, so that later departures are noticed.
  subtractive: {
    addJoined: false,
    removeDeparted: true,
    rekey: 'record',
    sendUpdates: false,
  },
};

/** The one place that decides, by mode, what a run sends (the planner counts it, the executor sends it). */
export function modePolicy(mode: SyncMode): ModePolicy {
  if (!Object.hasOwn(POLICIES, mode)) {
    throw new Error(`Unknown sync mode '${mode}'`);
  }
  return POLICIES[mode];
}

/** What a run of the policy plans to send for a diff of these sizes. */
export function plannedChanges(policy: ModePolicy, counts: PlanCounts) {
  return {
    adds: policy.addJoined ? counts.joined : 0,
    removes: policy.removeDeparted ? counts.departed : 0,
    updates:
      policy.rekey !== 'record' || policy.sendUpdates ? counts.changed : 0,
  };
}
