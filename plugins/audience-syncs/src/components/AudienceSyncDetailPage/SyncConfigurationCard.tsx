import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  Audience,
  AudienceSync,
  describeSchedule,
  scheduleWarning,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceSummary } from '../shared/AudienceSummary';
import {
  describeFieldMappings,
  describeIdentifier,
} from '../shared/describeMappings';
import { serverMessage } from '../shared/errorMessages';
import { SYNC_MODE_LABELS } from '../shared/labels';
import { RelativeTime } from '../shared/RelativeTime';
import { SyncDetails } from './useSyncDetails';
import { destinationLabel } from '../shared/destinationLabel';

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

function warningFor(sync: AudienceSync, audience: Audience | undefined) {
  if (!audience) return undefined;
  try {
    return scheduleWarning(sync.schedule, audience.evaluationSchedule);
  } catch (error) {
    return `The schedule cannot be compared with the audience's evaluation schedule: ${
      (error as Error).message
    }`;
  }
}

function nextRun(sync: AudienceSync) {
  if (sync.status === 'paused') return 'none while paused';
  if (sync.schedule.type === 'manual') return 'only when started by hand';
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
  const warning = warningFor(sync, audience);
  const mode = SYNC_MODE_LABELS[sync.mode];

  return (
    <InfoCard title="Configuration">
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
          [destination?.capabilities.objectLabel ?? 'Object']: sync.object.name,
          'Sync mode': mode ? `${mode.label}: ${mode.description}` : sync.mode,
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
                Next run: {nextRun(sync)}
              </Typography>
            </>
          ),
        }}
      />
      {warning && (
        <Box mt={2}>
          <Alert severity="warning">{warning}</Alert>
        </Box>
      )}
    </InfoCard>
  );
};
