import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  FirstRunProjection,
  IdentifierMapping,
  SyncMode,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { formatMemberCount } from '../../common/formatMemberCount';
import { rowErrorLabel } from '../../common/rowErrorLabel';

/**
 * The first run as the server projects it from the audience's current snapshot: how many members it sends
 * and, by reason, how many it cannot, so that a missing identifier shows before the sync exists.
 */
export const ProjectedFirstRun = ({
  projection,
  mode,
  identifier,
}: {
  projection: FirstRunProjection;
  mode: SyncMode;
  identifier: IdentifierMapping;
}) => {
  const { sendable, audienceMembers, unsendable } = projection;
  const verb = mode === 'subtractive' ? 'records' : 'sends';
  return (
    <Alert
      severity={unsendable.length > 0 ? 'warning' : 'info'}
      aria-label="Projected first run"
    >
      <AlertTitle>
        The first run {verb} {sendable.toLocaleString()} of{' '}
        {formatMemberCount(audienceMembers)} by {identifier.entityKey} →{' '}
        {identifier.field}
      </AlertTitle>
      {mode === 'subtractive' && (
        <div>
          Subtractive sends nobody at first: it records the members it finds, so
          that those who leave later are removed.
        </div>
      )}
      {unsendable.length > 0 && (
        <ul>
          {unsendable.map(group => (
            <li key={group.code}>
              {formatMemberCount(group.count)} cannot be sent:{' '}
              {rowErrorLabel(group.code)} (for example{' '}
              {group.sampleMemberKeys.join(', ')}: {group.message})
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
};
