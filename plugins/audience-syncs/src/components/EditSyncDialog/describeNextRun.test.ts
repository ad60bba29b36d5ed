import {
  NextRunPlan,
  SyncEditDryRunResponse,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { describeNextRun } from './describeNextRun';

const quiet: NextRunPlan = {
  evaluationId: 7,
  audienceMembers: 25_886,
  ledgerMembers: 25_886,
  ledgerReset: false,
  adds: 0,
  removes: 0,
  updates: 0,
  rekeyed: 0,
  heldForApproval: null,
};

const preview = (
  plan: Partial<NextRunPlan>,
  changed: string[] = [],
): SyncEditDryRunResponse => ({
  dryRun: true,
  changes: changed.map(field => ({ field, from: null, to: null })),
  warnings: [],
  nextRun: { ...quiet, ...plan },
});

describe('describeNextRun', () => {
  it('names the removals of a switch to Mirror, as a warning', () => {
    expect(
      describeNextRun(preview({ removes: 1_204, adds: 3 }, ['mode']), 'mirror'),
    ).toEqual({
      lines: [
        'Switching to Mirror removes 1,204 members at the next run: they left the audience.',
        'The next run adds 3 members.',
      ],
      warning: true,
    });
  });

  it('says a new object sends the whole audience again and leaves the old members', () => {
    expect(
      describeNextRun(
        preview({ ledgerReset: true, adds: 25_886, ledgerMembers: 25_000 }, [
          'object',
        ]),
        'mirror',
      ),
    ).toEqual({
      lines: [
        'Changing the object or identifier sends all 25,886 members again at the next run.',
        'The 25,000 members this sync sent before stay where they are.',
      ],
      warning: false,
    });
  });

  it('explains new field mappings, re-keys and a hold by the removal guard', () => {
    const held =
      'Held for approval: this run would remove 900 of 1,000 members (90%), more than the 10% the removal guard allows. Approve it to send the removals.';
    expect(
      describeNextRun(
        preview(
          { updates: 3_100, rekeyed: 2, removes: 900, heldForApproval: held },
          ['fieldMappings'],
        ),
        'mirror',
      ).lines,
    ).toEqual([
      'The next run removes 900 members: they left the audience.',
      'The next run compares the mapped fields of 3,100 members and updates those whose values changed.',
      '2 members changed identifier: their old identifier is removed, then the new one added.',
      held,
    ]);
  });

  it('says when there is nothing to send, or no evaluation to send from', () => {
    expect(describeNextRun(preview({}, ['schedule']), 'mirror').lines).toEqual([
      'The next run has nothing to send.',
    ]);
    expect(
      describeNextRun(preview({ evaluationId: null }), 'mirror').lines,
    ).toEqual([
      'The audience has no successful evaluation yet, so the next run has nothing to send.',
    ]);
  });
});
