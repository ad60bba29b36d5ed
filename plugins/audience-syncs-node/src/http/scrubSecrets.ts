/**
 * `text` with every occurrence of each (non-empty) secret replaced by `[redacted]`. Longer secrets go
 * first, so a secret that contains another (a value and its trimmed form) leaves no part behind.
 *
 * @public
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  return [...secrets]
    .filter(secret => secret.length > 0)
    .sort((a, b) => b.length - a.length)
    .reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
