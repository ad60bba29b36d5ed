import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ReadableTable } from '../common/ReadableTable';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Audience,
  AudienceSync,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { rootRouteRef } from '../../routes';
import { formatMemberCount } from '../common/formatMemberCount';
import { RelativeTime } from '../common/RelativeTime';

/** Each audience with its size, how fresh its snapshot is, and its syncs (a link to them in the list). */
export const AudiencesCard = ({
  audiences,
  syncs,
}: {
  audiences: Audience[];
  syncs: AudienceSync[];
}) => {
  const listLink = useRouteRef(rootRouteRef);
  const syncCount = new Map<string, number>();
  for (const sync of syncs) {
    syncCount.set(sync.audienceId, (syncCount.get(sync.audienceId) ?? 0) + 1);
  }
  return (
    <InfoCard title="Audiences">
      {audiences.length === 0 ? (
        <Typography color="textSecondary">
          No audiences are defined yet.
        </Typography>
      ) : (
        <ReadableTable size="small" aria-label="Audiences">
          <TableHead>
            <TableRow>
              <TableCell>Audience</TableCell>
              <TableCell align="right">Members</TableCell>
              <TableCell>Evaluated</TableCell>
              <TableCell align="right">Syncs</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {audiences.map(audience => {
              const count = syncCount.get(audience.id) ?? 0;
              const failed = audience.lastEvaluation?.status === 'failed';
              return (
                <TableRow key={audience.id}>
                  <TableCell>{audience.name}</TableCell>
                  <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMemberCount(audience.memberCount)}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <RelativeTime
                      value={audience.lastEvaluatedAt}
                      emptyText="never"
                    />
                    {failed && (
                      <Typography variant="body2" color="error">
                        Last evaluation failed
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {count === 0 ? (
                      0
                    ) : (
                      <Link
                        to={`${listLink()}?audienceId=${encodeURIComponent(
                          audience.id,
                        )}`}
                        aria-label={`${count} syncs of ${audience.name}`}
                      >
                        {count}
                      </Link>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </ReadableTable>
      )}
    </InfoCard>
  );
};
