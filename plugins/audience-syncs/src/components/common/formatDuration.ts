import { Duration } from 'luxon';

/** A run's duration in the user's locale, e.g. "1 hr, 2 min, 5 sec" or "412 ms"; "—" when unknown. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  if (ms < 1000) {
    return Duration.fromObject({ milliseconds: Math.round(ms) }).toHuman({
      unitDisplay: 'short',
    });
  }
  const parts = Duration.fromMillis(Math.round(ms / 1000) * 1000)
    .shiftTo('hours', 'minutes', 'seconds')
    .toObject();
  const nonZero = Object.fromEntries(
    Object.entries(parts).filter(([, amount]) => amount !== 0),
  );
  return Duration.fromObject(nonZero).toHuman({ unitDisplay: 'short' });
}
