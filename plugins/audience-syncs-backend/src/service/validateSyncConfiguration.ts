import { InputError, ServiceUnavailableError } from '@backstage/errors';
import {
  Audience,
  DestinationObject,
  FieldMapping,
  IdentifierMapping,
  Schedule,
  scheduleWarning,
  validateSchedule,
} from '@internal/plugin-audience-syncs-common';
import { AudienceCatalog } from '../audiences/AudienceCatalog';
import {
  ConnectedDestination,
  DestinationRegistry,
} from '../destinations/DestinationRegistry';

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
  warnings: string[];
}

const ENTITY_REF =
  /^[a-z][a-z0-9-]*:([a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;

/**
 * Checks a sync's configuration against its audience and destination. Collects every problem, each naming
 * its field, and throws one InputError (400) with all of them; creates nothing.
 */
export async function validateSyncConfiguration(
  input: SyncConfiguration,
  deps: { audiences: AudienceCatalog; destinations: DestinationRegistry },
): Promise<ValidSyncConfiguration> {
  const problems: string[] = [];
  const audience = await deps.audiences.get(input.audienceId);
  const destination = deps.destinations.get(input.destinationId);

  if (!audience) {
    problems.push(`audienceId: no audience '${input.audienceId}' exists`);
  } else if (audience.memberCount === null) {
    problems.push(
      `audienceId: audience '${
        audience.name
      }' has not been evaluated successfully yet${
        audience.lastEvaluation?.error
          ? ` (last evaluation failed: ${audience.lastEvaluation.error})`
          : ''
      }`,
    );
  } else if (audience.memberCount === 0) {
    problems.push(
      `audienceId: audience '${audience.name}' has no members; a sync needs at least one`,
    );
  }

  if (!destination) {
    problems.push(
      `destinationId: no destination '${input.destinationId}' exists`,
    );
  } else if (!destination.destination.capabilities.supportsAudienceSyncs) {
    problems.push(
      `destinationId: destination '${destination.destination.name}' (${destination.destination.typeLabel}) does not support audience syncs`,
    );
  }

  const usable =
    destination?.destination.capabilities.supportsAudienceSyncs === true
      ? destination
      : undefined;
  const object = usable
    ? await checkObject(input.object, usable, problems)
    : undefined;
  if (audience && usable) {
    checkIdentifier(input.identifier, audience, usable, problems);
    checkFieldMappings(input.fieldMappings, audience, usable, problems);
  }
  problems.push(...validateSchedule(input.schedule));
  if (input.owner !== undefined && !ENTITY_REF.test(input.owner)) {
    problems.push(
      `owner: '${input.owner}' is not an entity reference like group:default/marketing`,
    );
  }

  if (problems.length > 0 || !audience || !destination || !object) {
    throw new InputError(problems.join('; '));
  }
  const warning =
    problems.length === 0
      ? scheduleWarning(input.schedule, audience.evaluationSchedule)
      : undefined;
  return {
    audience,
    destination,
    object,
    warnings: warning ? [warning] : [],
  };
}

async function checkObject(
  selection: SyncConfiguration['object'],
  { destination, client }: ConnectedDestination,
  problems: string[],
): Promise<DestinationObject | { create: string } | undefined> {
  const label = destination.capabilities.objectLabel;
  if ('create' in selection) {
    if (!destination.capabilities.canCreateObjects || !client.createObject) {
      problems.push(
        `object.create: destination '${destination.name}' does not let Backstage create a ${label}; create it in ${destination.typeLabel} first, then select it`,
      );
      return undefined;
    }
    return { create: selection.create.name };
  }
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
  const found = objects.find(o => o.id === selection.id);
  if (!found) {
    problems.push(
      `object.id: destination '${destination.name}' has no ${label} '${selection.id}'`,
    );
  }
  return found;
}

function checkIdentifier(
  identifier: IdentifierMapping,
  audience: Audience,
  { destination }: ConnectedDestination,
  problems: string[],
) {
  if (!audience.entityKeys.includes(identifier.entityKey)) {
    problems.push(
      `identifier.entityKey: audience '${audience.name}' has no '${
        identifier.entityKey
      }' key (it has ${audience.entityKeys.join(', ')})`,
    );
    return;
  }
  const fields = destination.capabilities.identifierFields;
  const field = fields.find(f => f.field === identifier.field);
  if (!field) {
    problems.push(
      `identifier.field: destination '${
        destination.name
      }' has no identifier field '${identifier.field}' (it offers ${fields
        .map(f => f.field)
        .join(', ')})`,
    );
  } else if (!field.entityKeys.includes(identifier.entityKey)) {
    const fitting = fields
      .filter(f => f.entityKeys.includes(identifier.entityKey))
      .map(f => f.field);
    problems.push(
      `identifier.field: '${field.field}' cannot be matched from the '${
        identifier.entityKey
      }' key (${
        fitting.length > 0
          ? `use ${fitting.join(' or ')}`
          : `destination '${destination.name}' takes no ${identifier.entityKey}`
      })`,
    );
  }
}

function checkFieldMappings(
  mappings: FieldMapping[],
  audience: Audience,
  { destination }: ConnectedDestination,
  problems: string[],
) {
  if (mappings.length === 0) return;
  const accepted = destination.capabilities.additionalFields;
  if (accepted === 'none') {
    problems.push(
      `fieldMappings: destination '${destination.name}' (${destination.typeLabel}) takes identifiers only, no additional fields`,
    );
    return;
  }
  const seen = new Set<string>();
  mappings.forEach((mapping, i) => {
    const { kind, name } = mapping.source;
    const known = kind === 'trait' ? audience.traits : audience.attributes;
    if (!known.includes(name)) {
      problems.push(
        `fieldMappings[${i}].source.name: audience '${
          audience.name
        }' has no ${kind} '${name}' (${kind}s: ${known.join(', ') || 'none'})`,
      );
    }
    if (
      accepted !== 'any' &&
      !accepted.some(f => f.field === mapping.destinationField)
    ) {
      problems.push(
        `fieldMappings[${i}].destinationField: destination '${
          destination.name
        }' has no field '${mapping.destinationField}' (it takes ${accepted
          .map(f => f.field)
          .join(', ')})`,
      );
    }
    if (seen.has(mapping.destinationField)) {
      problems.push(
        `fieldMappings[${i}].destinationField: '${mapping.destinationField}' is already mapped`,
      );
    }
    seen.add(mapping.destinationField);
  });
}
