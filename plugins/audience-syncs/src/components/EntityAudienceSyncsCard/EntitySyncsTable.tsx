import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ReadableTable } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { AudienceSync } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { syncRouteRef } from '../../routes';
import { SyncLookups } from '../common/useSyncLookups';
import { SYNC_MODE_LABELS } from '../common/labels';
import { RelativeTime } from '../common/RelativeTime';
import { SyncStatusChip } from '../common/SyncStatusChip';
import { NextRun } from '../common/NextRun';
import { destinationLabel } from '../common/destinationLabel';

export interface EntitySyncsTableProps {
  syncs: AudienceSync[];
  /** Names of audiences and destinations; ids are shown until (or unless) they load. */
  lookups?: SyncLookups;
  /** The other end of each sync: the entity page already names its own. */
  counterpart: 'audience' | 'destination';
}

/** The syncs of one audience or destination, compact enough for an entity card; a name opens its detail page. */
export const EntitySyncsTable = ({
  syncs,
  lookups,
  counterpart,
}: EntitySyncsTableProps) => {
  const syncLink = useRouteRef(syncRouteRef);

  const counterpartName = (sync: AudienceSync) => {
    if (counterpart === 'audience') {
      return (
        lookups?.audienceById.get(sync.audienceId)?.name ?? sync.audienceId
      );
    }
    const destination = lookups?.destinationById.get(sync.destinationId);
    return destination ? destinationLabel(destination) : sync.destinationId;
  };
  const objectLabel = (sync: AudienceSync) =>
    lookups?.destinationById.get(sync.destinationId)?.capabilities.objectLabel;

  return (
    <ReadableTable size="small" aria-label="Audience syncs">
      <TableHead>
        <TableRow>
          <TableCell>Sync</TableCell>
          <TableCell>
            {counterpart === 'audience' ? 'Audience' : 'Destination'} / object
          </TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Last synced</TableCell>
          <TableCell>Next run</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {syncs.map(sync => (
          <TableRow key={sync.id}>
            <TableCell>
              <Link to={syncLink({ syncId: sync.id })}>{sync.name}</Link>
              <Typography variant="body2" color="textSecondary">
                {SYNC_MODE_LABELS[sync.mode]?.label ?? sync.mode}
              </Typography>
            </TableCell>
            <TableCell>
              <Typography variant="body2">{counterpartName(sync)}</Typography>
              <Typography variant="body2" color="textSecondary">
                {objectLabel(sync) ? `${objectLabel(sync)}: ` : ''}
                {sync.object.name}
              </Typography>
            </TableCell>
            <TableCell>
              <SyncStatusChip status={sync.status} />
            </TableCell>
            <TableCell>
              <RelativeTime value={sync.lastSyncedAt} emptyText="Never" />
            </TableCell>
            <TableCell>
              <NextRun sync={sync} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ReadableTable>
  );
};
