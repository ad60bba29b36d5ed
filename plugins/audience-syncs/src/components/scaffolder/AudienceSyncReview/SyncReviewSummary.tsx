import { StructuredMetadataTable } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  Audience,
  describeSchedule,
  Destination,
  DestinationObject,
  nextRunAt,
  Schedule,
  scheduleProblems,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { DateTime } from 'luxon';
import { AudienceSummary } from '../../common/AudienceSummary';
import {
  describeFieldMappings,
  describeIdentifier,
} from '../../common/describeMappings';
import { ObjectSelection } from '../../common/DestinationObjectSelect';
import { SYNC_MODE_LABELS } from '../../common/labels';
import { useDestinationObjects } from '../../common/useDestinationObjects';
import { SyncBuilderFormData } from '../SyncBuilderFormData';
import { destinationLabel } from '../../common/destinationLabel';
import { ReadableCells } from '../../common/ReadableTable';

const NOT_CHOSEN = 'Not chosen';

function objectText(
  object: ObjectSelection | undefined,
  objects: DestinationObject[] | undefined,
): string {
  if (!object) {
    return NOT_CHOSEN;
  }
  if ('create' in object) {
    return `new: ${object.create.name}`;
  }
  return objects?.find(o => o.id === object.id)?.name ?? object.id;
}

/** When the first run happens: now if asked, else at the schedule's next time or the audience's next evaluation. */
function firstRunText(schedule: Schedule, runNow: boolean | undefined) {
  if (runNow) {
    return 'First run: right after the sync is created';
  }
  if (scheduleProblems(schedule).length > 0) {
    return undefined;
  }
  if (schedule.type === 'after_evaluation') {
    return "First run: after the audience's next evaluation";
  }
  const next = nextRunAt(schedule, new Date());
  return next
    ? `First run: ${DateTime.fromJSDate(next).toLocaleString(
        DateTime.DATETIME_MED_WITH_WEEKDAY,
      )} (your time)`
    : 'First run: when started with Run now';
}

export interface SyncReviewSummaryProps {
  data: SyncBuilderFormData;
  audience: Audience;
  destination: Destination;
}

/**
 * Everything the sync will be, read-only: the audience with its current member count, destination
 * and object, sync mode, identifier mapping with its hashing, field mappings, and the schedule with the first
 * run.
 */
export const SyncReviewSummary = ({
  data,
  audience,
  destination,
}: SyncReviewSummaryProps) => {
  const objects = useDestinationObjects(destination.id);
  const mode = data.mode ?? 'mirror';
  const modeLabel = SYNC_MODE_LABELS[mode];
  return (
    <ReadableCells>
      <StructuredMetadataTable
        dense
        options={{ titleFormat: key => key }}
        metadata={{
          Audience: <AudienceSummary audience={audience} />,
          Destination: destinationLabel(destination),
          [destination.capabilities.objectLabel]: objectText(
            data.destination?.object,
            objects.value,
          ),
          'Sync mode': modeLabel
            ? `${modeLabel.label}: ${modeLabel.description}`
            : mode,
          'Identifier mapping': data.identifier
            ? describeIdentifier(data.identifier, destination)
            : NOT_CHOSEN,
          'Field mappings': describeFieldMappings(
            data.fieldMappings ?? [],
            destination,
          ),
          Schedule: data.schedule ? (
            <>
              <Typography variant="body2" component="span">
                {describeSchedule(data.schedule)}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {firstRunText(data.schedule, data.runNow)}
              </Typography>
            </>
          ) : (
            NOT_CHOSEN
          ),
        }}
      />
    </ReadableCells>
  );
};
