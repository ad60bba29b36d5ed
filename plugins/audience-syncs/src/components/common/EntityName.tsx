import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** The kinds a sync's owner or editor can be; anything else (`service:…`) is not in the catalog. */
const CATALOG_KINDS = new Set(['user', 'group']);

function catalogRef(value: string) {
  try {
    const ref = parseEntityRef(value);
    return CATALOG_KINDS.has(ref.kind.toLocaleLowerCase('en-US'))
      ? ref
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who owns or changed a sync: a user or group by the name the catalog shows for it, linked to its catalog
 * page; a service that acted through the API (`service:…`) as its plain name.
 */
export const EntityName = ({ value }: { value: string }) => {
  const ref = catalogRef(value);
  if (!ref) return <>{value}</>;
  return <EntityRefLink entityRef={ref} />;
};
