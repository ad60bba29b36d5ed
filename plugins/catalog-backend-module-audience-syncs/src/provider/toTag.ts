const MAX_TAG_LENGTH = 63;

/**
 * `value` as a catalog tag: lowercase words of `a-z`, `0-9`, `+` and `#` joined by single hyphens, at most 63
 * characters (the catalog model's rule); undefined when nothing is left.
 * `user_id` becomes `user-id`, `Émilie` becomes `emilie`.
 */
export function toTag(value: string): string | undefined {
  const tag = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents, split off by NFKD
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9+#]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_TAG_LENGTH)
    .replace(/-+$/, '');
  return tag || undefined;
}
