import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The operator's alert defaults; a sync may set its own shares. */
export interface AlertsConfig {
  /** A run that finds more than this share of the audience's members invalid alerts. */
  invalidShare: number;
  /** A run whose audience size moved by more than this share of the previous run's alerts. */
  rowCountSwing: number;
  /** How late a scheduled run may start before it counts as missed, in milliseconds. */
  missedRunGraceMs: number;
}

export const DEFAULT_ALERTS_CONFIG: AlertsConfig = {
  invalidShare: 0.05,
  rowCountSwing: 0.5,
  missedRunGraceMs: 15 * 60_000,
};

/**
 * Reads `audienceSyncs.alerts`, with the defaults for what is not set. A bad value stops the backend with
 * a message naming its key.
 */
export function readAlertsConfig(config: Config): AlertsConfig {
  const alerts = config.getOptionalConfig('audienceSyncs.alerts');
  if (!alerts) return DEFAULT_ALERTS_CONFIG;
  return {
    invalidShare:
      readShare(alerts, 'invalidShare') ?? DEFAULT_ALERTS_CONFIG.invalidShare,
    rowCountSwing:
      readShare(alerts, 'rowCountSwing') ?? DEFAULT_ALERTS_CONFIG.rowCountSwing,
    missedRunGraceMs:
      readGrace(alerts) ?? DEFAULT_ALERTS_CONFIG.missedRunGraceMs,
  };
}

function readShare(alerts: Config, key: string): number | undefined {
  const raw = alerts.getOptional(key);
  if (raw === undefined) return undefined;
  // Environment substitutions arrive as strings.
  const text = typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
  const value = typeof raw === 'number' ? raw : Number(text);
  if (!(value > 0 && value <= 1)) {
    throw new Error(
      `audienceSyncs.alerts.${key}: must be more than 0 and at most 1, got ${JSON.stringify(
        raw,
      )}`,
    );
  }
  return value;
}

function readGrace(alerts: Config): number | undefined {
  const key = 'missedRunGrace';
  if (alerts.getOptional(key) === undefined) return undefined;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(alerts, { key }));
  } catch (error) {
    throw new Error(`audienceSyncs.alerts.${key}: ${(error as Error).message}`);
  }
  if (!(ms >= 1000)) {
    throw new Error(`audienceSyncs.alerts.${key}: must be at least 1 second`);
  }
  return ms;
}
