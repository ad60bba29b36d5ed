import Tooltip from '@material-ui/core/Tooltip';
import { DateTime } from 'luxon';
import { useReducer } from 'react';
import useInterval from 'react-use/esm/useInterval';

/** Within this distance of now a time reads "just now" (or "now"), which also absorbs small clock skew. */
const NOW_MS = 5_000;
/** Seconds matter for a recent time, so the text ticks every second for its first minute… */
const RECENT_MS = 60_000;
const RECENT_REFRESH_MS = 1_000;
/** …and every 30 s after that, so "2 minutes ago" does not go stale on an open page. */
const REFRESH_MS = 30_000;

export interface RelativeTimeProps {
  /** An ISO 8601 timestamp. */
  value: string | null | undefined;
  /** Shown when there is no timestamp. */
  emptyText?: string;
  /**
   * Whether the time is of something that happened (`past`, the default) or is expected (`future`). A past
   * event never reads "in …" even when the server's clock is ahead of the browser's; an expected time that
   * has passed reads "now" rather than "… ago".
   */
  tense?: 'past' | 'future';
}

function describe(time: DateTime, now: number, tense: 'past' | 'future') {
  const ahead = time.toMillis() - now;
  if (tense === 'past' && ahead > -NOW_MS) return 'just now';
  if (tense === 'future' && ahead < NOW_MS) return 'now';
  return time.toRelative({ base: DateTime.fromMillis(now) });
}

/**
 * A timestamp as relative text in the user's locale ("3 minutes ago", "in 2 hours") with the exact local time
 * on hover. The text is measured against the clock at every render, so a value that has just changed is
 * right at once.
 */
export const RelativeTime = ({
  value,
  emptyText = '—',
  tense = 'past',
}: RelativeTimeProps) => {
  const [, tick] = useReducer((count: number) => count + 1, 0);
  const time = value ? DateTime.fromISO(value) : undefined;
  const now = Date.now();
  const age = time?.isValid ? Math.abs(time.toMillis() - now) : undefined;
  let refreshMs: number | null = null;
  if (age !== undefined)
    refreshMs = age < RECENT_MS ? RECENT_REFRESH_MS : REFRESH_MS;
  useInterval(tick, refreshMs);

  if (!value || !time) {
    return <>{emptyText}</>;
  }
  if (!time.isValid) {
    return <>{value}</>;
  }
  const exact = time.toLocaleString(DateTime.DATETIME_FULL_WITH_SECONDS);
  return (
    <Tooltip title={exact}>
      {/* The tense is on the element so that a browser test can check that no past event reads "in …". */}
      <time dateTime={value} aria-label={exact} data-tense={tense}>
        {describe(time, now, tense)}
      </time>
    </Tooltip>
  );
};
