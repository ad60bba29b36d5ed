import { Config } from '@backstage/config';

/**
 * A required text setting, trimmed; the error names the setting (and never repeats its value).
 *
 * @public
 */
export function readRequiredString(settings: Config, key: string): string {
  const value = settings.getString(key).trim();
  if (!value) throw new Error(`${key}: must not be empty`);
  return value;
}
