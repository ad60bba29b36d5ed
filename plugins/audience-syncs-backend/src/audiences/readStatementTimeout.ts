import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * Reads a statement timeout (`'30s'`, `'10 minutes'`, ISO 8601 `PT5M` or `{ minutes: 5 }`) in
 * milliseconds, or undefined when `key` is not set. Problems name `path`, the key's full config path.
 */
export function readStatementTimeout(
  config: Config,
  key: string,
  path: string,
): number | undefined {
  if (config.getOptional(key) === undefined) return undefined;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new Error(
      `Invalid audience configuration: ${path}: ${(error as Error).message}`,
    );
  }
  if (!(ms >= 1)) {
    throw new Error(
      `Invalid audience configuration: ${path}: must be at least 1 ms`,
    );
  }
  return ms;
}
