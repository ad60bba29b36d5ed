import { MemberHistoryEntry } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** A step of a member's timeline in plain words. */
export function describeMemberStep(step: MemberHistoryEntry): string {
  switch (step.operation) {
    case 'add':
      return `Added to the destination as ${step.identifier}`;
    case 'update':
      return `Updated in the destination, sent as ${step.identifier}`;
    case 'remove':
      return `Removed from the destination (${step.identifier})`;
    case 'invalid':
      return `Not sent: ${step.message ?? 'the member could not be prepared'}`;
    default:
      return `${step.operation} (${step.identifier ?? 'no identifier'})`;
  }
}
