/**
 * A field path as its parts: object keys and array indexes, e.g. `['fieldMappings', 0, 'source']`.
 *
 * @public
 */
export type FieldPath = Array<string | number>;

/**
 * `['fieldMappings', 0, 'source']` → `fieldMappings[0].source`.
 *
 * @public
 */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${part}`,
    )
    .join('');
}

/**
 * `fieldMappings[0].source` → `['fieldMappings', 0, 'source']`; the inverse of `formatFieldPath`.
 *
 * @public
 */
export function parseFieldPath(field: string): FieldPath {
  if (field === '') {
    return [];
  }
  return field.split('.').flatMap(part => {
    const [key, ...indexes] = part.split('[');
    return [
      ...(key ? [key] : []),
      ...indexes.map(index => Number(index.slice(0, -1))),
    ];
  });
}
