import { Config } from '@backstage/config';

/** Whether runs record each member's steps, and for how long they are kept. */
export interface MemberHistoryConfig {
  enabled: boolean;
  retentionDays: number;
}

export const DEFAULT_MEMBER_HISTORY_CONFIG: MemberHistoryConfig = {
  enabled: true,
  retentionDays: 90,
};

/**
 * Reads `audienceSyncs.memberHistory`, with the defaults for what is not set. A bad value stops the
 * backend with a message naming its key.
 */
export function readMemberHistoryConfig(config: Config): MemberHistoryConfig {
  const history = config.getOptionalConfig('audienceSyncs.memberHistory');
  if (!history) return DEFAULT_MEMBER_HISTORY_CONFIG;
  return {
    enabled: readEnabled(history),
    retentionDays: readRetentionDays(history),
  };
}

function readEnabled(history: Config): boolean {
  const raw = history.getOptional('enabled');
  if (raw === undefined) return DEFAULT_MEMBER_HISTORY_CONFIG.enabled;
  // Environment substitutions arrive as strings.
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(
    `audienceSyncs.memberHistory.enabled: must be true or false, got ${JSON.stringify(
      raw,
    )}`,
  );
}

function readRetentionDays(history: Config): number {
  const raw = history.getOptional('retentionDays');
  if (raw === undefined) return DEFAULT_MEMBER_HISTORY_CONFIG.retentionDays;
  const text = typeof raw === 'string' && raw.trim() !== '' ? raw : undefined;
  const value = typeof raw === 'number' ? raw : Number(text);
  if (!(Number.isInteger(value) && value >= 1)) {
    throw new Error(
      `audienceSyncs.memberHistory.retentionDays: must be a whole number of days, at least 1, got ${JSON.stringify(
        raw,
      )}`,
    );
  }
  return value;
}
