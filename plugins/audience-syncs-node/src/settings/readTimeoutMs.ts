import { Config } from '@backstage/config';

/**
 * The `timeoutMs` setting: a whole number of milliseconds from 1 to 600,000, 30,000 when absent.
 * The error names the setting.
 *
 * @public
 */
export function readTimeoutMs(settings: Config): number {
  const timeoutMs = settings.getOptionalNumber('timeoutMs') ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
    throw new Error(
      'timeoutMs: must be a whole number of milliseconds from 1 to 600000',
    );
  }
  return timeoutMs;
}
