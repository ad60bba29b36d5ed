import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import { ReadableTable } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  AudienceSync,
  describeSchedule,
  Page,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useNavigate } from 'react-router-dom';
import { syncRouteRef } from '../../routes';
import { SYNC_MODE_LABELS } from '../common/labels';
import { RelativeTime } from '../common/RelativeTime';
import { SyncStatusChip } from '../common/SyncStatusChip';
import { SyncLookups } from '../common/useSyncLookups';
import { PAGE_SIZES } from './useSyncListQuery';
import { NextRun } from '../common/NextRun';
import { destinationLabel } from '../common/destinationLabel';

const useStyles = makeStyles(theme => ({
  row: {
    cursor: 'pointer',
  },
  secondary: {
    color: theme.palette.text.secondary,
  },
}));

export interface AudienceSyncsTableProps {
  page: Page<AudienceSync>;
  lookups?: SyncLookups;
  /** A newer page is loading. */
  loading: boolean;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (pageSize: number) => void;
}

/** The syncs of one server page; a row opens the sync's detail page. */
export const AudienceSyncsTable = ({
  page,
  lookups,
  loading,
  pageSize,
  onPageChange,
  onPageSizeChange,
}: AudienceSyncsTableProps) => {
  const classes = useStyles();
  const navigate = useNavigate();
  const syncLink = useRouteRef(syncRouteRef);

  return (
    <Paper>
      {loading && <LinearProgress aria-label="Loading syncs" />}
      <TableContainer>
        <ReadableTable size="small" aria-label="Audience syncs">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Audience</TableCell>
              <TableCell>Destination / object</TableCell>
              <TableCell>Mode</TableCell>
              <TableCell>Schedule</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Last synced</TableCell>
              <TableCell>Next run</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {page.items.map(sync => {
              const href = syncLink({ syncId: sync.id });
              const audience = lookups?.audienceById.get(sync.audienceId);
              const destination = lookups?.destinationById.get(
                sync.destinationId,
              );
              return (
                <TableRow
                  key={sync.id}
                  hover
                  className={classes.row}
                  onClick={event => {
                    // The name's link navigates by itself; the rest of the row follows it.
                    if (!(event.target as HTMLElement).closest('a')) {
                      navigate(href);
                    }
                  }}
                >
                  <TableCell>
                    <Link to={href}>{sync.name}</Link>
                  </TableCell>
                  <TableCell>{audience?.name ?? sync.audienceId}</TableCell>
                  <TableCell>
                    <Typography variant="body2">
                      {destination
                        ? destinationLabel(destination)
                        : sync.destinationId}
                    </Typography>
                    <Typography variant="body2" className={classes.secondary}>
                      {destination?.capabilities.objectLabel
                        ? `${destination.capabilities.objectLabel}: `
                        : ''}
                      {sync.object.name}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {SYNC_MODE_LABELS[sync.mode]?.label ?? sync.mode}
                  </TableCell>
                  <TableCell>{describeSchedule(sync.schedule)}</TableCell>
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
              );
            })}
          </TableBody>
        </ReadableTable>
      </TableContainer>
      <TablePagination
        component="div"
        count={page.totalCount}
        page={Math.floor(page.offset / pageSize)}
        rowsPerPage={pageSize}
        rowsPerPageOptions={PAGE_SIZES}
        onPageChange={(_event, next) => onPageChange(next)}
        onRowsPerPageChange={event =>
          onPageSizeChange(Number(event.target.value))
        }
      />
    </Paper>
  );
};
