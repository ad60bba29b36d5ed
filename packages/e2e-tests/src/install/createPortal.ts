import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../portal/startPortal';
import { runCommand } from './runCommand';

/** The create-app of the Backstage release these packages are built against (1.55.0). */
export const CREATE_APP = '@backstage/create-app@0.9.2';

/**
 * Yarn's default registry host is not reachable from every network (CI reaches only the npm registry's own
 * name); the registry is the same.
 */
const env: NodeJS.ProcessEnv = {
  YARN_NPM_REGISTRY_SERVER:
    process.env.YARN_NPM_REGISTRY_SERVER ?? 'https://registry.npmjs.org',
  YARN_ENABLE_TELEMETRY: '0',
  // A new portal has no lockfile to keep; under CI Yarn would refuse to write one.
  YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
};

const BACKEND_PACKAGES = [
  '@signalsmith/backstage-plugin-audience-syncs-backend',
  '@signalsmith/backstage-plugin-catalog-backend-module-audience-syncs',
  '@signalsmith/backstage-plugin-scaffolder-backend-module-audience-syncs',
];
const APP_PACKAGES = ['@signalsmith/backstage-plugin-audience-syncs'];

/**
 * Makes a brand-new portal with create-app in `dir` and installs the plugins into it by the README's
 * install steps, nothing else: the release pins, `yarn --cwd packages/backend add …` and
 * `yarn --cwd packages/app add …`, the three `backend.add(import(…))` lines, and `appConfig` appended
 * to app-config.yaml. The tarballs stand in for the registry: each package name resolves to its tarball,
 * so packages that depend on each other find each other too.
 */
export async function createPortal(options: {
  dir: string;
  tarballs: Map<string, string>;
  appConfig: string;
}): Promise<void> {
  const { dir, tarballs } = options;
  const yarn = (args: string[]) => runCommand('yarn', args, { cwd: dir, env });
  await runCommand(
    'npx',
    ['--yes', CREATE_APP, '--skip-install', '--path', dir],
    { cwd: REPO_ROOT, env: { ...env, BACKSTAGE_APP_NAME: 'portal' } },
  );

  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  manifest.resolutions = {
    ...manifest.resolutions,
    ...JSON.parse(
      readFileSync(
        join(REPO_ROOT, 'docs/install/backstage-1.55.0-resolutions.json'),
        'utf8',
      ),
    ),
    ...Object.fromEntries(
      [...tarballs].map(([name, tarball]) => [name, `file:${tarball}`]),
    ),
  };
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
  await yarn(['install']);

  const fromTarball = (name: string) => `${name}@file:${tarballs.get(name)}`;
  await yarn([
    '--cwd',
    'packages/backend',
    'add',
    ...BACKEND_PACKAGES.map(fromTarball),
  ]);
  await yarn([
    '--cwd',
    'packages/app',
    'add',
    ...APP_PACKAGES.map(fromTarball),
  ]);

  const backendIndex = join(dir, 'packages/backend/src/index.ts');
  const additions = BACKEND_PACKAGES.map(
    name => `backend.add(import('${name}'));\n`,
  ).join('');
  writeFileSync(
    backendIndex,
    readFileSync(backendIndex, 'utf8').replace(
      'backend.start();',
      `${additions}backend.start();`,
    ),
  );
  appendFileSync(join(dir, 'app-config.yaml'), `\n${options.appConfig}`);
}
