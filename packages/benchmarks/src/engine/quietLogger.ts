import { LoggerService } from '@backstage/backend-plugin-api';

/** Warnings and errors on stderr (a run that retries or fails says why); info and debug dropped. */
export function quietLogger(prefix = 'engine'): LoggerService {
  const write = (level: string) => (message: string, meta?: Error | object) => {
    process.stderr.write(
      `[${prefix}] ${level}: ${message}${
        meta ? ` ${JSON.stringify(meta)}` : ''
      }\n`,
    );
  };
  return {
    error: write('error'),
    warn: write('warn'),
    info: () => {},
    debug: () => {},
    child: () => quietLogger(prefix),
  };
}
