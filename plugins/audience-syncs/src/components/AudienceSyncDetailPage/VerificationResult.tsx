import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  SyncVerification,
  SyncVerificationSample,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { formatMemberCount } from '../common/formatMemberCount';

const FINDINGS: Array<{
  key: 'missing' | 'unowned' | 'stale';
  label: string;
  meaning: string;
}> = [
  {
    key: 'missing',
    label: 'Missing from the destination',
    meaning: 'sent by this sync and still in the audience, but not there',
  },
  {
    key: 'unowned',
    label: 'Not added by this sync',
    meaning:
      'in the destination, never sent by this sync (by hand or by others)',
  },
  {
    key: 'stale',
    label: 'Left the audience, still there',
    meaning: 'sent by this sync, no longer in the audience',
  },
];

const samplesText = (samples: SyncVerificationSample[]) =>
  samples
    .map(s => (s.memberKey ? `${s.identifier} (${s.memberKey})` : s.identifier))
    .join(', ');

/** What a verify run found: the destination's size and, per finding, a count and a few members. */
export const VerificationResult = ({
  verification,
}: {
  verification: SyncVerification;
}) => {
  const inStep = FINDINGS.every(f => verification[f.key] === 0);
  return (
    <Box py={1} aria-label="What the verification found">
      <Typography variant="body2" gutterBottom>
        The destination holds{' '}
        {formatMemberCount(verification.destinationMembers)}.
      </Typography>
      {inStep ? (
        <Alert severity="success">
          The destination holds exactly what this sync sent of the audience.
        </Alert>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Finding</TableCell>
              <TableCell align="right">Members</TableCell>
              <TableCell>For example</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {FINDINGS.map(finding => (
              <TableRow key={finding.key}>
                <TableCell>
                  {finding.label}
                  <Typography variant="caption" display="block">
                    {finding.meaning}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  {verification[finding.key].toLocaleString()}
                </TableCell>
                <TableCell>
                  {samplesText(verification.samples[finding.key])}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};
