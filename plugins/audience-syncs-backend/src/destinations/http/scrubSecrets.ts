/** `text` with every occurrence of each (non-empty) secret replaced by `[redacted]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secrets
    .filter(secret => secret.length > 0)
    .reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
