import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { ReadableTable } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { RunHistoryRow } from './RunHistoryRow';
import { RUN_PAGE_SIZES, useRunHistory } from './useRunHistory';

export interface RunHistoryTableProps {
  history: ReturnType<typeof useRunHistory>;
}

/** The sync's runs, newest first and paginated by the server. */
export const RunHistoryTable = ({ history }: RunHistoryTableProps) => {
  const [expandedRunId, setExpandedRunId] = useState<number>();
  const { runs, error, loading, live } = history;

  let body;
  if (!runs) {
    body = error ? <ResponseErrorPanel error={error} /> : <Progress />;
  } else if (runs.totalCount === 0) {
    body = (
      <Typography variant="body2">
        No runs yet. The first run sends the full membership of the audience.
      </Typography>
    );
  } else {
    body = (
      <>
        {error && (
          <Box mb={2}>
            <ResponseErrorPanel
              title="The run history could not be refreshed"
              error={error}
            />
          </Box>
        )}
        <TableContainer>
          <ReadableTable size="small" aria-label="Run history">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox" />
                <TableCell>Run</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Trigger</TableCell>
                <TableCell>Started</TableCell>
                <TableCell>Duration</TableCell>
                <TableCell align="right">Rows sent</TableCell>
                <TableCell align="right">Succeeded</TableCell>
                <TableCell align="right">Failed</TableCell>
                <TableCell align="right">Invalid</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {runs.items.map(run => (
                <RunHistoryRow
                  key={run.id}
                  run={run}
                  expanded={expandedRunId === run.id}
                  onToggle={() =>
                    setExpandedRunId(current =>
                      current === run.id ? undefined : run.id,
                    )
                  }
                />
              ))}
            </TableBody>
          </ReadableTable>
        </TableContainer>
        <TablePagination
          component="div"
          count={runs.totalCount}
          page={history.pageIndex}
          rowsPerPage={history.pageSize}
          rowsPerPageOptions={RUN_PAGE_SIZES}
          onPageChange={(_event, page) => history.setPageIndex(page)}
          onRowsPerPageChange={event =>
            history.setPageSize(Number(event.target.value))
          }
        />
      </>
    );
  }

  let subheader: string | undefined;
  if (live) {
    subheader = 'Updating live while a run is in progress';
  } else if (loading && runs) {
    subheader = 'Loading…';
  }

  return (
    <InfoCard title="Run history" subheader={subheader}>
      {body}
    </InfoCard>
  );
};
