import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

/**
 * Checks the entity as the catalog does: its entity policies, then the Resource kind's validator. Both throw
 * what they refuse; resolves to true for a valid Resource entity (false for another kind).
 */
export async function validateResourceEntity(entity: Entity): Promise<boolean> {
  await policy.enforce(entity);
  return resourceEntityV1alpha1Validator.check(entity);
}
