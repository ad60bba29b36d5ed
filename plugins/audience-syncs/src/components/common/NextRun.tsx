import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { RelativeTime } from './RelativeTime';

/**
 * When the sync runs next; paused and manual syncs have no next run to show, and one that runs after each
 * evaluation runs when its audience next gets a snapshot.
 */
export const NextRun = ({ sync }: { sync: AudienceSync }) => {
  if (sync.status === 'paused') return <>Paused</>;
  if (sync.schedule.type === 'manual') return <>Manual</>;
  if (sync.schedule.type === 'after_evaluation') {
    return <>After the next evaluation</>;
  }
  return <RelativeTime value={sync.nextRunAt} tense="future" />;
};
