import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../portal/startPortal';

export interface PublishedPackage {
  name: string;
  dir: string;
}

/** The packages a platform owner installs: every plugin folder whose package is not private. */
export function publishedPackages(): PublishedPackage[] {
  const plugins = join(REPO_ROOT, 'plugins');
  return readdirSync(plugins)
    .map(folder => join(plugins, folder))
    .map(dir => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir }));
}
