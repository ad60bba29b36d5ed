/** An audience's member count in the user's locale, e.g. "12,345 members"; null means never evaluated. */
export function formatMemberCount(count: number | null): string {
  if (count === null) {
    return 'not evaluated yet';
  }
  return `${count.toLocaleString()} ${count === 1 ? 'member' : 'members'}`;
}
