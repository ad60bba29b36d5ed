/**
 * The pages of `pages`, each one read through `around` (which waits on a budget, or maps the errors the
 * read throws), so that a wrapper of a client treats each page of a paged read as the request it is.
 */
export async function* eachPage<T>(
  pages: AsyncIterable<T>,
  around: <R>(work: () => Promise<R>) => Promise<R>,
): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await around(() => iterator.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}
