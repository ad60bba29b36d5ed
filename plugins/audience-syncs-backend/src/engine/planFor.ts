import { SyncMode } from '@internal/plugin-audience-syncs-common';
import { PlanCounts } from './SyncPlanner';

/**
 * What a run does with the diff, by mode (the guide's step 4):
 * - Mirror adds joiners, removes departures and sends changes;
 * - Additive adds and sends changes, never removes (departed members stay in the ledger, so a member who
 *   comes back is not added twice);
 * - Subtractive removes departures and never adds: joiners are only recorded in the ledger, which makes
 *   its first run a baseline of the current membership and lets later departures be noticed.
 */
export function planFor(mode: SyncMode, counts: PlanCounts) {
  switch (mode) {
    case 'mirror':
      return {
        planned: {
          adds: counts.joined,
          removes: counts.departed,
          updates: counts.changed,
        },
        sendAdds: true,
        sendRemoves: true,
      };
    case 'additive':
      return {
        planned: { adds: counts.joined, removes: 0, updates: counts.changed },
        sendAdds: true,
        sendRemoves: false,
      };
    case 'subtractive':
      return {
        planned: { adds: 0, removes: counts.departed, updates: 0 },
        sendAdds: false,
        sendRemoves: true,
      };
    default:
      throw new Error(`Unknown sync mode '${mode}'`);
  }
}
