import { Config } from '@backstage/config';

/**
 * The credentials that a destination's settings hold under `secretKeys` (dotted paths such as
 * `connection.password`), to keep out of errors and logs. Only text values count: a key naming an object
 * or a number holds nothing to scrub, so a structured setting declares the paths of its credentials.
 * A URL's password is a credential of its own, as it may be quoted without the rest of the URL.
 *
 * @public
 */
export function secretSettingValues(
  settings: Config,
  secretKeys: readonly string[],
): string[] {
  const values = new Set<string>();
  for (const key of secretKeys) {
    const value = readOptional(settings, key);
    if (typeof value !== 'string') continue;
    for (const secret of [value, value.trim(), ...urlPassword(value)]) {
      if (secret) values.add(secret);
    }
  }
  return [...values];
}

/** A dotted path through a text value is absent, not an error: `connection.password` of a URL string. */
function readOptional(settings: Config, key: string): unknown {
  try {
    return settings.getOptional(key);
  } catch {
    return undefined;
  }
}

function urlPassword(value: string): string[] {
  try {
    const { password } = new URL(value);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}
