import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { publishedPackages } from './publishedPackages';
import { runCommand } from './runCommand';

/**
 * Packs every published package into a tarball in `outDir`, as `yarn npm publish` would upload it
 * (Backstage's prepack points the manifest at dist/). Returns package name → tarball path.
 */
export async function packTarballs(
  outDir: string,
): Promise<Map<string, string>> {
  mkdirSync(outDir, { recursive: true });
  const tarballs = new Map<string, string>();
  for (const { name, dir } of publishedPackages()) {
    if (!existsSync(join(dir, 'dist'))) {
      throw new Error(
        `${name} has no dist/: build the packages first (yarn build:all)`,
      );
    }
    const tarball = join(outDir, `${basename(dir)}.tgz`);
    await runCommand('yarn', ['pack', '--out', tarball], { cwd: dir });
    tarballs.set(name, tarball);
  }
  return tarballs;
}
