import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Audience,
  AudienceSync,
  describeSchedule,
  evaluationScheduleNotice,
  nextRunAt,
  runsAfterEvaluation,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSummary } from '../common/AudienceSummary';
import {
  describeFieldMappings,
  describeIdentifier,
} from '../common/describeMappings';
import { serverMessage } from '../common/errorMessages';
import { SYNC_MODE_LABELS } from '../common/labels';
import { RelativeTime } from '../common/RelativeTime';
import { SyncDetails } from './useSyncDetails';
import { destinationLabel } from '../common/destinationLabel';
import { ReadableCells } from '../common/ReadableTable';

function audienceSummary(
  sync: AudienceSync,
  audience: Audience | undefined,
  error: Error | undefined,
) {
  if (!audience) {
    return `${sync.audienceId} (could not be loaded: ${
      error ? serverMessage(error) : 'unknown error'
    })`;
  }
  return <AudienceSummary audience={audience} />;
}

function noticeFor(
  sync: AudienceSync,
  audience: Audience | undefined,
): ReturnType<typeof evaluationScheduleNotice> {
  if (!audience) return undefined;
  try {
    return evaluationScheduleNotice(sync.schedule, audience.evaluationSchedule);
  } catch (error) {
    return {
      severity: 'warning',
      message: `The schedule cannot be compared with the audience's evaluation schedule: ${
        (error as Error).message
      }`,
    };
  }
}

/** A sync that follows its audience runs after the audience's next evaluation, when that is scheduled. */
function nextEvaluation(audience: Audience | undefined) {
  if (!audience) return 'after the audience is next evaluated';
  let next: Date | null = null;
  try {
    next = nextRunAt(audience.evaluationSchedule, new Date());
  } catch {
    // An unreadable evaluation schedule is reported by the notice below.
  }
  if (!next) return 'after the audience is next evaluated (by hand)';
  return (
    <>
      after the audience's next evaluation, due{' '}
      <RelativeTime value={next.toISOString()} tense="future" />
    </>
  );
}

function nextRun(sync: AudienceSync, audience: Audience | undefined) {
  if (sync.status === 'paused') return 'none while paused';
  if (sync.schedule.type === 'manual') return 'only when started by hand';
  if (runsAfterEvaluation(sync.schedule)) return nextEvaluation(audience);
  return <RelativeTime value={sync.nextRunAt} tense="future" />;
}

/** What the sync does: the builder's review, as saved. */
export const SyncConfigurationCard = ({
  details,
}: {
  details: SyncDetails;
}) => {
  const { sync, audience, audienceError, destination, destinationError } =
    details;
  const notice = noticeFor(sync, audience);
  const mode = SYNC_MODE_LABELS[sync.mode];

  return (
    <InfoCard title="Configuration">
      <ReadableCells>
        <StructuredMetadataTable
          dense
          options={{ titleFormat: key => key }}
          metadata={{
            Audience: audienceSummary(sync, audience, audienceError),
            Destination: destination
              ? destinationLabel(destination)
              : `${sync.destinationId} (could not be loaded: ${
                  destinationError
                    ? serverMessage(destinationError)
                    : 'unknown error'
                })`,
            [destination?.capabilities.objectLabel ?? 'Object']:
              sync.object.name,
            'Sync mode': mode
              ? `${mode.label}: ${mode.description}`
              : sync.mode,
            'Identifier mapping': describeIdentifier(
              sync.identifier,
              destination,
            ),
            'Field mappings': describeFieldMappings(
              sync.fieldMappings,
              destination,
            ),
            Schedule: (
              <>
                <Typography variant="body2" component="span">
                  {describeSchedule(sync.schedule)}
                </Typography>
                <Typography variant="body2" color="textSecondary">
                  Next run: {nextRun(sync, audience)}
                </Typography>
              </>
            ),
          }}
        />
      </ReadableCells>
      {notice && (
        <Box mt={2}>
          <Alert severity={notice.severity}>{notice.message}</Alert>
        </Box>
      )}
    </InfoCard>
  );
};
