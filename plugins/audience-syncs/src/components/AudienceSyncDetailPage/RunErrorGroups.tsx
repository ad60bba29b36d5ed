import Box from '@material-ui/core/Box';
import Collapse from '@material-ui/core/Collapse';
import IconButton from '@material-ui/core/IconButton';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@material-ui/icons/KeyboardArrowUp';
import { SyncRunErrorGroup } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { useState } from 'react';
import { ReadableTable } from '../common/ReadableTable';
import { rowErrorLabel } from '../common/rowErrorLabel';

const COLUMNS = 4;

const rows = (n: number) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;

/** The sample rows of one code, or why there are none. */
const GroupSamples = ({
  runId,
  group,
}: {
  runId: number;
  group: SyncRunErrorGroup;
}) => {
  if (group.samples.length === 0) {
    return (
      <Typography variant="body2">
        None of these rows is in the run's sample: it keeps only the first row
        errors the run met.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {group.samples.length < group.count
          ? `A sample of ${group.samples.length.toLocaleString(
              'en-US',
            )} of these ${rows(group.count)}:`
          : 'All of these rows:'}
      </Typography>
      <ReadableTable
        size="small"
        aria-label={`Sample rows of ${group.code} in run #${runId}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Member</TableCell>
            <TableCell>Operation</TableCell>
            <TableCell>Message</TableCell>
            <TableCell>Retryable</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {group.samples.map((sample, index) => (
            <TableRow key={`${sample.memberKey}-${index}`}>
              <TableCell>{sample.memberKey}</TableCell>
              <TableCell>{sample.operation}</TableCell>
              <TableCell>{sample.message}</TableCell>
              <TableCell>{sample.retryable ? 'Yes' : 'No'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ReadableTable>
    </>
  );
};

/** One code: what it means, how many rows had it, and (expanded) its sample rows. */
const GroupRow = ({
  runId,
  group,
}: {
  runId: number;
  group: SyncRunErrorGroup;
}) => {
  const [expanded, setExpanded] = useState(false);
  const label = rowErrorLabel(group.code);
  return (
    <>
      <TableRow>
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`${expanded ? 'Hide' : 'Show'} rows of ${group.code}`}
            aria-expanded={expanded}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? <KeyboardArrowUpIcon /> : <KeyboardArrowDownIcon />}
          </IconButton>
        </TableCell>
        <TableCell>{label}</TableCell>
        <TableCell>
          <code>{group.code}</code>
        </TableCell>
        <TableCell align="right">{rows(group.count)}</TableCell>
      </TableRow>
      {expanded && (
        <TableRow>
          <TableCell colSpan={COLUMNS}>
            <Collapse in={expanded}>
              <Box py={1}>
                <GroupSamples runId={runId} group={group} />
              </Box>
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </>
  );
};

/**
 * A run's invalid and refused rows by reason, most frequent first: each code in plain words with how many
 * rows had it, its sample rows collapsed under it.
 */
export const RunErrorGroups = ({
  runId,
  groups,
}: {
  runId: number;
  groups: SyncRunErrorGroup[];
}) => (
  <ReadableTable size="small" aria-label={`Errors of run #${runId} by reason`}>
    <TableHead>
      <TableRow>
        <TableCell padding="checkbox" />
        <TableCell>Reason</TableCell>
        <TableCell>Code</TableCell>
        <TableCell align="right">Rows</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {groups.map(group => (
        <GroupRow key={group.code} runId={runId} group={group} />
      ))}
    </TableBody>
  </ReadableTable>
);
