import {
  Audience,
  Destination,
  IdentifierMapping,
} from '@internal/plugin-audience-syncs-common';

/** One way to match members: an entity key of the audience feeding an identifier field of the destination. */
export interface IdentifierOption extends IdentifierMapping {
  /** The destination's name for the field, e.g. "Phone Number". */
  label: string;
  /** The destination receives the values normalized and SHA-256 hashed. */
  hashed: boolean;
}

/**
 * Every identifier mapping this audience and destination allow (guide, step 5): each identifier field the
 * destination offers, once for each entity key that can feed it and that the audience's members carry.
 */
export function identifierOptions(
  audience: Audience,
  destination: Destination,
): IdentifierOption[] {
  return destination.capabilities.identifierFields.flatMap(field =>
    field.entityKeys
      .filter(entityKey => audience.entityKeys.includes(entityKey))
      .map(entityKey => ({
        entityKey,
        field: field.field,
        label: field.label,
        hashed: field.hashed,
      })),
  );
}

/** What is wrong with an identifier mapping for this audience and destination; undefined when it is offered. */
export function identifierProblem(
  identifier: IdentifierMapping | undefined,
  audience: Audience,
  destination: Destination,
): string | undefined {
  const options = identifierOptions(audience, destination);
  if (options.length === 0) {
    const matchable = [
      ...new Set(
        destination.capabilities.identifierFields.flatMap(f => f.entityKeys),
      ),
    ];
    return `${destination.name} matches members on ${matchable.join(
      ', ',
    )}, which ${audience.name} does not have (it has ${audience.entityKeys.join(
      ', ',
    )}): choose another audience or destination`;
  }
  if (!identifier?.entityKey || !identifier.field) {
    return 'Choose how members are matched';
  }
  const offered = options.some(
    o => o.entityKey === identifier.entityKey && o.field === identifier.field,
  );
  if (!offered) {
    return `${identifier.entityKey} → ${
      identifier.field
    } is not offered; choose one of ${options
      .map(o => `${o.entityKey} → ${o.label}`)
      .join(', ')}`;
  }
  return undefined;
}
