import Typography from '@material-ui/core/Typography';
import {
  Audience,
  audienceProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { formatMemberCount } from '../../common/formatMemberCount';
import { RelativeTime } from '../../common/RelativeTime';

/** One audience in the picker: name, entity type, member count, last evaluation, and why it cannot be chosen. */
export const AudienceOption = ({ audience }: { audience: Audience }) => {
  const [refusal] = audienceProblems(audience.id, audience);
  return (
    <div>
      <Typography variant="body1">{audience.name}</Typography>
      <Typography variant="body2" color="textSecondary">
        {audience.entityType} · {formatMemberCount(audience.memberCount)} · last
        evaluated{' '}
        <RelativeTime value={audience.lastEvaluatedAt} emptyText="never" />
      </Typography>
      {refusal && (
        <Typography variant="body2" color="error">
          {refusal.message}
        </Typography>
      )}
    </div>
  );
};
