import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ReadableTable } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  AudienceSync,
  SyncRun,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { syncRouteRef } from '../../routes';
import { RelativeTime } from '../common/RelativeTime';
import { RunStatusChip } from '../common/RunStatusChip';

const RECENT_RUNS = 8;

const lastMoved = (run: SyncRun) =>
  run.finishedAt ?? run.startedAt ?? run.queuedAt;

/** The newest run of each sync, the most recent first: what the syncs did lately. */
export const RecentRunsCard = ({ syncs }: { syncs: AudienceSync[] }) => {
  const syncLink = useRouteRef(syncRouteRef);
  const recent = syncs
    .flatMap(sync => (sync.latestRun ? [{ sync, run: sync.latestRun }] : []))
    .sort((a, b) => lastMoved(b.run).localeCompare(lastMoved(a.run)))
    .slice(0, RECENT_RUNS);
  return (
    <InfoCard title="Recent runs">
      {recent.length === 0 ? (
        <Typography color="textSecondary">No sync has run yet.</Typography>
      ) : (
        <ReadableTable size="small" aria-label="Recent runs">
          <TableBody>
            {recent.map(({ sync, run }) => (
              <TableRow key={run.id}>
                <TableCell>
                  <Link to={syncLink({ syncId: sync.id })}>{sync.name}</Link>
                </TableCell>
                {/* Sync names are long: the status and its time share one narrow column. */}
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <RunStatusChip run={run} />
                  <Typography variant="body2" color="textSecondary">
                    <RelativeTime value={lastMoved(run)} />
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ReadableTable>
      )}
    </InfoCard>
  );
};
