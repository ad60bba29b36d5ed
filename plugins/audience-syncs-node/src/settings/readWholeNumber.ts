import { Config } from '@backstage/config';

/**
 * An optional whole-number setting from `min` to `max`, `fallback` when absent. The error names the
 * setting and the range.
 *
 * @public
 */
export function readWholeNumber(
  settings: Config,
  key: string,
  range: { min: number; max: number; fallback: number },
): number {
  const value = settings.getOptionalNumber(key) ?? range.fallback;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new Error(
      `${key}: must be a whole number from ${range.min} to ${range.max}`,
    );
  }
  return value;
}
