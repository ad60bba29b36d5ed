import Typography from '@material-ui/core/Typography';
import {
  Audience,
  describeSchedule,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { formatMemberCount } from './formatMemberCount';
import { RelativeTime } from './RelativeTime';

/** An audience's name, current member count and entity type, and when and how often it is evaluated. */
export const AudienceSummary = ({ audience }: { audience: Audience }) => (
  <>
    <Typography variant="body2" component="span">
      {audience.name} · {formatMemberCount(audience.memberCount)} (
      {audience.entityType})
    </Typography>
    {audience.lastEvaluatedAt && (
      <Typography variant="body2" color="textSecondary">
        Last evaluated <RelativeTime value={audience.lastEvaluatedAt} />,{' '}
        {lowerFirst(describeSchedule(audience.evaluationSchedule))}
      </Typography>
    )}
  </>
);

/** "Every 15 minutes (UTC)" → "every 15 minutes (UTC)": mid-sentence, without lowering the time zone. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('en-US') + text.slice(1);
}
