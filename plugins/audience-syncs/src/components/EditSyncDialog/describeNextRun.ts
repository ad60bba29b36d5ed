import {
  SyncEditDryRunResponse,
  SyncMode,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { formatMemberCount } from '../common/formatMemberCount';
import { SYNC_MODE_LABELS } from '../common/labels';

/** What an edit does to the next run, in sentences, and whether it takes members out of the destination. */
export interface NextRunDescription {
  lines: string[];
  /** The next run removes members, or the removal guard will hold it: worth a second look before saving. */
  warning: boolean;
}

/**
 * The plan of a dry-run edit in plain words, e.g. "Switching to Mirror removes 1,204 members at the next
 * run". Lead with what changes the destination most: a fresh start, then removals, then adds and updates.
 */
export function describeNextRun(
  preview: SyncEditDryRunResponse,
  mode: SyncMode,
): NextRunDescription {
  const { nextRun: plan, changes } = preview;
  if (plan.evaluationId === null) {
    return {
      lines: [
        'The audience has no successful evaluation yet, so the next run has nothing to send.',
      ],
      warning: false,
    };
  }
  const lines: string[] = [];
  const modeChange = changes.find(change => change.field === 'mode');
  const cause = modeChange
    ? `Switching to ${SYNC_MODE_LABELS[mode].label}`
    : 'The next run';

  if (plan.ledgerReset) {
    lines.push(
      plan.adds > 0
        ? `Changing the object or identifier sends all ${formatMemberCount(
            plan.adds,
          )} again at the next run.`
        : `Changing the object or identifier starts over: the next run records the ${formatMemberCount(
            plan.audienceMembers,
          )} it finds and sends nobody.`,
    );
    if (plan.ledgerMembers > 0) {
      lines.push(
        `The ${formatMemberCount(
          plan.ledgerMembers,
        )} this sync sent before stay where they are.`,
      );
    }
  }
  if (plan.removes > 0) {
    lines.push(
      `${cause} removes ${formatMemberCount(plan.removes)}${
        modeChange ? ' at the next run' : ''
      }: they left the audience.`,
    );
  }
  if (!plan.ledgerReset && plan.adds > 0) {
    lines.push(`The next run adds ${formatMemberCount(plan.adds)}.`);
  }
  if (plan.updates > 0) {
    const remapped = changes.some(change => change.field === 'fieldMappings');
    lines.push(
      remapped
        ? `The next run compares the mapped fields of ${formatMemberCount(
            plan.updates,
          )} and updates those whose values changed.`
        : `The next run updates ${formatMemberCount(plan.updates)}.`,
    );
  }
  if (plan.rekeyed > 0) {
    lines.push(
      mode === 'mirror'
        ? `${formatMemberCount(
            plan.rekeyed,
          )} changed identifier: their old identifier is removed, then the new one added.`
        : `${formatMemberCount(
            plan.rekeyed,
          )} changed identifier: the new one is added and the old one stays.`,
    );
  }
  if (plan.heldForApproval) lines.push(plan.heldForApproval);
  if (lines.length === 0) {
    lines.push('The next run has nothing to send.');
  }
  return {
    lines,
    warning: plan.removes > 0 || plan.heldForApproval !== null,
  };
}
