import { AlertThresholds } from '@signalsmith/backstage-plugin-audience-syncs-common';

/** A sync's alert thresholds as typed, in percent; blank is the backend's default. */
export interface AlertThresholdsDraft {
  invalidSharePercent: string;
  rowCountSwingPercent: string;
}

/** What is wrong with each threshold. */
export interface AlertThresholdsErrors {
  invalidShare?: string;
  rowCountSwing?: string;
}

const asPercent = (share?: number) =>
  share === undefined ? '' : String(Math.round(share * 10_000) / 100);

export function toAlertThresholdsDraft(
  thresholds?: AlertThresholds,
): AlertThresholdsDraft {
  return {
    invalidSharePercent: asPercent(thresholds?.invalidShare),
    rowCountSwingPercent: asPercent(thresholds?.rowCountSwing),
  };
}

/** The thresholds the draft means, as shares; blank ones left out. Text that is no number stays NaN. */
export function toAlertThresholds(
  draft: AlertThresholdsDraft,
): AlertThresholds {
  const share = (text: string) =>
    text.trim() === '' ? undefined : Number(text) / 100;
  const invalidShare = share(draft.invalidSharePercent);
  const rowCountSwing = share(draft.rowCountSwingPercent);
  return {
    ...(invalidShare !== undefined ? { invalidShare } : {}),
    ...(rowCountSwing !== undefined ? { rowCountSwing } : {}),
  };
}

/** Each threshold set must be a share more than 0 and at most 1 (shown as 0–100%). */
export function alertThresholdsErrors(
  thresholds: AlertThresholds | undefined,
): AlertThresholdsErrors {
  const check = (value?: number) =>
    value === undefined || (value > 0 && value <= 1)
      ? undefined
      : 'Enter a percentage more than 0 and at most 100, or leave it blank';
  return {
    invalidShare: check(thresholds?.invalidShare),
    rowCountSwing: check(thresholds?.rowCountSwing),
  };
}

export function sameAlertThresholds(a: AlertThresholds, b?: AlertThresholds) {
  return (
    a.invalidShare === b?.invalidShare && a.rowCountSwing === b?.rowCountSwing
  );
}
