import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * A logger that keeps what connectors log, so a test can check that no credential leaks into logs.
 *
 * @public
 */
export class RecordingLogger implements LoggerService {
  readonly lines: string[];

  constructor(lines: string[] = []) {
    this.lines = lines;
  }

  error(message: string, meta?: Error | object) {
    this.#record(message, meta);
  }

  warn(message: string, meta?: Error | object) {
    this.#record(message, meta);
  }

  info(message: string, meta?: Error | object) {
    this.#record(message, meta);
  }

  debug(message: string, meta?: Error | object) {
    this.#record(message, meta);
  }

  child(): LoggerService {
    return new RecordingLogger(this.lines);
  }

  #record(message: string, meta?: Error | object) {
    this.lines.push(meta ? `${message} ${JSON.stringify(meta)}` : message);
  }
}
