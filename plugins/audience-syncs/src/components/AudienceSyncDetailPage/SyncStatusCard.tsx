import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import {
  AudienceSync,
  SyncRun,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { EntityName } from '../common/EntityName';
import { RelativeTime } from '../common/RelativeTime';
import { RunStatusChip } from '../common/RunStatusChip';
import { SyncStatusChip } from '../common/SyncStatusChip';
import { ReadableCells } from '../common/ReadableTable';

export interface SyncStatusCardProps {
  sync: AudienceSync;
  latestRun?: SyncRun;
  /** Whether the run history has loaded, so that no latest run means there is none. */
  runsLoaded: boolean;
}

function nextRun(sync: AudienceSync) {
  if (sync.status === 'paused') return 'None while paused';
  if (sync.schedule.type === 'manual') return 'None (manual schedule)';
  if (sync.schedule.type === 'after_evaluation') {
    return "After the audience's next evaluation";
  }
  return <RelativeTime value={sync.nextRunAt} tense="future" />;
}

function latestRunSummary(latestRun: SyncRun | undefined, runsLoaded: boolean) {
  if (latestRun) {
    return (
      <>
        #{latestRun.id} <RunStatusChip run={latestRun} />
      </>
    );
  }
  return runsLoaded ? 'No runs yet' : '…';
}

/** Current status, last synced at and next scheduled run. */
export const SyncStatusCard = ({
  sync,
  latestRun,
  runsLoaded,
}: SyncStatusCardProps) => (
  <InfoCard title="Status">
    <ReadableCells>
      <StructuredMetadataTable
        dense
        options={{ titleFormat: key => key }}
        metadata={{
          'Current status': <SyncStatusChip status={sync.status} />,
          'Last synced at': (
            <RelativeTime value={sync.lastSyncedAt} emptyText="Never" />
          ),
          'Next scheduled run': nextRun(sync),
          'Latest run': latestRunSummary(latestRun, runsLoaded),
          Owner: <EntityName value={sync.owner} />,
          'Last edited': (
            <>
              <RelativeTime value={sync.updatedAt} /> by{' '}
              <EntityName value={sync.updatedBy} />
            </>
          ),
        }}
      />
    </ReadableCells>
  </InfoCard>
);
