import { ServiceUnavailableError } from '@backstage/errors';
import {
  Audience,
  audienceProblems,
  DestinationFieldSchema,
  DestinationObject,
  destinationProblems,
  FieldMapping,
  fieldMappingProblems,
  IdentifierMapping,
  identifierProblems,
  objectProblems,
  ownerProblems,
  Schedule,
  scheduleProblems,
  scheduleWarning,
  SyncProblem,
} from '@signalsmith/backstage-plugin-audience-syncs-common';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import {
  ConnectedDestination,
  DestinationRegistry,
} from '../destinations/DestinationRegistry';
import { creatableDestination } from './creatableDestination';
import { describeDestinationFields } from './describeDestinationFields';
import { SyncProblemsError } from './SyncProblemsError';

/** The parts of a sync that are validated together. */
export interface SyncConfiguration {
  audienceId: string;
  destinationId: string;
  object: { id: string } | { create: { name: string } };
  identifier: IdentifierMapping;
  fieldMappings: FieldMapping[];
  schedule: Schedule;
  owner?: string;
}

export interface ValidSyncConfiguration {
  audience: Audience;
  destination: ConnectedDestination;
  /** The existing object, or the name of the one to create once everything else is valid. */
  object: DestinationObject | { create: string };
  /** The object's described fields, read when something is mapped to them. */
  fieldSchema?: DestinationFieldSchema;
  warnings: string[];
}

/** The object the sync would fill, or undefined when the selection has problems (added to `problems`). */
async function checkObject(
  selection: SyncConfiguration['object'],
  connected: ConnectedDestination,
  problems: SyncProblem[],
): Promise<DestinationObject | { create: string } | undefined> {
  if ('create' in selection) {
    const refusals = objectProblems(selection, creatableDestination(connected));
    problems.push(...refusals);
    return refusals.length === 0
      ? { create: selection.create.name }
      : undefined;
  }
  const { destination, client } = connected;
  let objects: DestinationObject[];
  try {
    objects = await client.listObjects();
  } catch (error) {
    throw new ServiceUnavailableError(
      `Could not list the objects of destination '${destination.name}': ${
        (error as Error).message
      }`,
    );
  }
  problems.push(...objectProblems(selection, destination, objects));
  return objects.find(o => o.id === selection.id);
}

/**
 * Checks a sync's configuration against its audience and destination with the shared checks of
 * `-common`. Collects every problem, each naming its field, and throws them all in one
 * `SyncProblemsError` (400); creates nothing.
 */
export async function validateSyncConfiguration(
  input: SyncConfiguration,
  deps: { audiences: AudienceCatalog; destinations: DestinationRegistry },
): Promise<ValidSyncConfiguration> {
  const audience = await deps.audiences.get(input.audienceId);
  const connected = deps.destinations.get(input.destinationId);
  const problems: SyncProblem[] = [
    ...audienceProblems(input.audienceId, audience),
    ...destinationProblems(input.destinationId, connected?.destination),
  ];

  const usable =
    connected?.destination.capabilities.supportsAudienceSyncs === true
      ? connected
      : undefined;
  const object = usable
    ? await checkObject(input.object, usable, problems)
    : undefined;
  let fieldSchema: DestinationFieldSchema | undefined;
  if (audience && usable) {
    // The object's fields are read only when something is mapped to them, and only for an object that
    // exists or would be created (an unknown one is refused already).
    fieldSchema =
      input.fieldMappings.length > 0 && object
        ? await describeDestinationFields(
            usable,
            'create' in object ? { id: '', name: object.create } : object,
          )
        : undefined;
    problems.push(
      ...identifierProblems(input.identifier, audience, usable.destination),
      ...fieldMappingProblems(
        input.fieldMappings,
        audience,
        usable.destination,
        fieldSchema,
      ),
    );
  }
  problems.push(
    ...scheduleProblems(input.schedule),
    ...ownerProblems(input.owner),
  );

  if (problems.length > 0 || !audience || !connected || !object) {
    throw new SyncProblemsError(problems);
  }
  const warning = scheduleWarning(input.schedule, audience.evaluationSchedule);
  return {
    audience,
    destination: connected,
    object,
    fieldSchema,
    warnings: warning ? [warning] : [],
  };
}
