import { LoggerService } from '@backstage/backend-plugin-api';
import { scrubSecrets } from '@signalsmith/backstage-plugin-audience-syncs-node';

/** How deep log metadata is searched for secrets. */
const MAX_DEPTH = 5;

/** `logger` with the secrets scrubbed from every message and from the text in its metadata. */
export function scrubbingLogger(
  logger: LoggerService,
  secrets: string[],
): LoggerService {
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const write =
    (level: 'error' | 'warn' | 'info' | 'debug') =>
    (message: string, meta?: Error | object) =>
      logger[level](
        scrub(message),
        meta === undefined ? undefined : scrubMeta(meta, scrub, 0),
      );
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: meta => scrubbingLogger(logger.child(meta), secrets),
  };
}

function scrubMeta(
  value: any,
  scrub: (text: string) => string,
  depth: number,
): any {
  if (typeof value === 'string') return scrub(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) {
    return value;
  }
  if (value instanceof Error) {
    const copy = new Error(scrub(value.message));
    copy.name = value.name;
    copy.stack = value.stack && scrub(value.stack);
    return copy;
  }
  if (Array.isArray(value)) {
    return value.map(item => scrubMeta(item, scrub, depth + 1));
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      scrubMeta(item, scrub, depth + 1),
    ]),
  );
}
