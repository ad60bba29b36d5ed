/**
 * Whether a URL is plain http to this machine (127.0.0.0/8, `localhost`, `::1`): where credentials may
 * travel unencrypted, as nothing leaves the machine.
 *
 * @public
 */
export function isLoopbackHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'http:' &&
      (url.hostname === 'localhost' ||
        url.hostname === '[::1]' ||
        /^127\.\d+\.\d+\.\d+$/.test(url.hostname))
    );
  } catch {
    return false;
  }
}
