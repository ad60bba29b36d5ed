import { SyncProblem } from './SyncProblem';

const ENTITY_REF =
  /^[a-z][a-z0-9-]*:([a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;

/**
 * The owner of a sync, when one is given: an entity reference such as `group:default/marketing`.
 *
 * @public
 */
export function ownerProblems(owner: string | undefined): SyncProblem[] {
  if (owner === undefined || ENTITY_REF.test(owner)) {
    return [];
  }
  return [
    {
      field: 'owner',
      code: 'owner_invalid',
      message: `'${owner}' is not an entity reference like group:default/marketing`,
    },
  ];
}
