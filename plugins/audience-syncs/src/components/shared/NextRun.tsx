import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { RelativeTime } from './RelativeTime';

/** When the sync runs next; paused and manual syncs have no next run to show. */
export const NextRun = ({ sync }: { sync: AudienceSync }) => {
  if (sync.status === 'paused') return <>Paused</>;
  if (sync.schedule.type === 'manual') return <>Manual</>;
  return <RelativeTime value={sync.nextRunAt} tense="future" />;
};
