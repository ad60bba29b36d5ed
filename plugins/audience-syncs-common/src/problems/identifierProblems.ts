import { Audience, Destination, IdentifierMapping } from '../types';
import { SyncProblem } from './SyncProblem';

/**
 * One way to match members: an entity key of the audience feeding an identifier field of the destination.
 *
 * @public
 */
export interface IdentifierOption extends IdentifierMapping {
  /** The destination's name for the field, e.g. "Phone Number". */
  label: string;
  /** The destination receives the values normalized and SHA-256 hashed. */
  hashed: boolean;
}

/**
 * Every identifier mapping this audience and destination allow: each identifier field the destination
 * offers, once for each entity key that can feed it and that the audience's members carry.
 *
 * @public
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

/**
 * Refuses a pair of audience and destination that no identifier mapping can join.
 *
 * @public
 */
export function unmatchableIdentifierProblems(
  audience: Audience,
  destination: Destination,
): SyncProblem[] {
  if (identifierOptions(audience, destination).length > 0) {
    return [];
  }
  const matchable = [
    ...new Set(
      destination.capabilities.identifierFields.flatMap(f => f.entityKeys),
    ),
  ];
  return [
    {
      field: 'identifier',
      code: 'identifier_unmatchable',
      message: `${destination.name} matches members on ${matchable.join(
        ', ',
      )}, which ${
        audience.name
      } does not have (it has ${audience.entityKeys.join(
        ', ',
      )}): choose another audience or destination`,
    },
  ];
}

/**
 * How members are matched: an entity key the audience's members carry, feeding an identifier field the
 * destination offers for that key.
 *
 * @public
 */
export function identifierProblems(
  identifier: IdentifierMapping,
  audience: Audience,
  destination: Destination,
): SyncProblem[] {
  const { entityKey } = identifier;
  if (!audience.entityKeys.includes(entityKey)) {
    return [
      {
        field: 'identifier.entityKey',
        code: 'identifier_key_missing',
        message: `audience '${
          audience.name
        }' has no '${entityKey}' key (it has ${audience.entityKeys.join(
          ', ',
        )})`,
      },
    ];
  }
  const fields = destination.capabilities.identifierFields;
  const field = fields.find(f => f.field === identifier.field);
  if (!field) {
    return [
      {
        field: 'identifier.field',
        code: 'identifier_field_unknown',
        message: `destination '${destination.name}' has no identifier field '${
          identifier.field
        }' (it offers ${fields.map(f => f.field).join(', ')})`,
      },
    ];
  }
  if (!field.entityKeys.includes(entityKey)) {
    const fitting = fields
      .filter(f => f.entityKeys.includes(entityKey))
      .map(f => f.field);
    return [
      {
        field: 'identifier.field',
        code: 'identifier_key_mismatch',
        message: `'${
          field.field
        }' cannot be matched from the '${entityKey}' key (${
          fitting.length > 0
            ? `use ${fitting.join(' or ')}`
            : `destination '${destination.name}' takes no ${entityKey}`
        })`,
      },
    ];
  }
  return [];
}
