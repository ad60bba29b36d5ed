import { resolve } from 'node:path';

/*
 * The benchmarks run from source through the node transform and are never built, so the directory of
 * this file is the package's `src` in every run: no resolvePackagePath, which needs the package to be
 * installed under node_modules first.
 */
// eslint-disable-next-line no-restricted-syntax
const SRC = __dirname;

/** A file under the package's `src`, e.g. `sync/syncRunChild.ts`. */
export function sourceFile(path: string): string {
  return resolve(SRC, path);
}

/** The repository root: results land there whichever directory yarn runs the script in. */
export const REPO_ROOT = resolve(SRC, '../../..');
