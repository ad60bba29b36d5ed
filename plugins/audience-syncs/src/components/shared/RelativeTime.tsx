import Tooltip from '@material-ui/core/Tooltip';
import { DateTime } from 'luxon';
import { useState } from 'react';
import useInterval from 'react-use/esm/useInterval';

/** How often the relative text is recomputed, so "2 minutes ago" does not go stale on an open page. */
const REFRESH_MS = 30_000;

export interface RelativeTimeProps {
  /** An ISO 8601 timestamp. */
  value: string | null | undefined;
  /** Shown when there is no timestamp. */
  emptyText?: string;
}

/**
 * A timestamp as relative text in the user's locale ("3 minutes ago", "in 2 hours") with the exact local time
 * on hover.
 */
export const RelativeTime = ({ value, emptyText = '—' }: RelativeTimeProps) => {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), value ? REFRESH_MS : null);

  if (!value) {
    return <>{emptyText}</>;
  }
  const time = DateTime.fromISO(value);
  if (!time.isValid) {
    return <>{value}</>;
  }
  const exact = time.toLocaleString(DateTime.DATETIME_FULL_WITH_SECONDS);
  return (
    <Tooltip title={exact}>
      <time dateTime={value} aria-label={exact}>
        {time.toRelative({ base: DateTime.fromMillis(now) })}
      </time>
    </Tooltip>
  );
};
