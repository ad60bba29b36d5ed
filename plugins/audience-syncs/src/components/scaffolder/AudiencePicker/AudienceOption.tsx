import Typography from '@material-ui/core/Typography';
import { Audience } from '@internal/plugin-audience-syncs-common';
import { audienceUnavailableReason } from '../../shared/audienceUnavailableReason';
import { formatMemberCount } from '../../shared/formatMemberCount';
import { RelativeTime } from '../../shared/RelativeTime';

/** One audience in the picker: name, entity type, member count, last evaluation, and why it cannot be chosen. */
export const AudienceOption = ({ audience }: { audience: Audience }) => {
  const reason = audienceUnavailableReason(audience);
  return (
    <div>
      <Typography variant="body1">{audience.name}</Typography>
      <Typography variant="body2" color="textSecondary">
        {audience.entityType} · {formatMemberCount(audience.memberCount)} · last
        evaluated{' '}
        <RelativeTime value={audience.lastEvaluatedAt} emptyText="never" />
      </Typography>
      {reason && (
        <Typography variant="body2" color="error">
          {reason}
        </Typography>
      )}
    </div>
  );
};
