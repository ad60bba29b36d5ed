const started = Date.now();

/** Progress on stderr, so stdout carries only the tables. */
export function log(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(7);
  process.stderr.write(`[${seconds}s] ${message}\n`);
}
