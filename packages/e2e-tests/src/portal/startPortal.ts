import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BACKEND_URL, FRONTEND_URL, waitForPortalReady } from './backendApi';

// This package never runs built: it runs from source inside the repository, so __dirname is its src/ tree.
// eslint-disable-next-line no-restricted-syntax
export const REPO_ROOT = resolve(__dirname, '../../../..');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');

export interface RunningPortal {
  /** The fresh folder holding this portal's state (plugin databases, demo warehouse). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the portal exactly as the README says (`./scripts/start.sh`), on the embedded defaults, with its
 * state in a fresh folder; resolves once the app, the backend and the first audience evaluations are up.
 * The portal's output goes to `test-results/e2e/portal.log`.
 */
export async function startPortal(): Promise<RunningPortal> {
  // For working on the suite: reuse a portal you started on a fresh AUDIENCE_SYNCS_DATA_DIR.
  const reused = process.env.E2E_REUSE_PORTAL_DATA_DIR;
  if (reused) {
    await waitForPortalReady({ frontend: FRONTEND_URL, backend: BACKEND_URL });
    return { dataDir: reused, stop: async () => {} };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'audience-syncs-e2e-'));
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const log = createWriteStream(join(ARTIFACTS_DIR, 'portal.log'));
  const child = spawn('bash', ['scripts/start.sh'], {
    cwd: REPO_ROOT,
    env: { ...portalEnvironment(), AUDIENCE_SYNCS_DATA_DIR: dataDir },
    // Its own process group, so stopping it also stops the app, backend and emulators it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', code =>
      reject(
        new Error(`The portal exited early (code ${code}); see portal.log`),
      ),
    ),
  );
  const portal = { dataDir, stop: () => stopGroup(child) };
  try {
    await Promise.race([
      waitForPortalReady({ frontend: FRONTEND_URL, backend: BACKEND_URL }),
      exited,
    ]);
  } catch (error) {
    await portal.stop();
    throw error;
  }
  return portal;
}

/** This process's environment without what Jest sets: `NODE_ENV=test` would break the app's build. */
function portalEnvironment(): NodeJS.ProcessEnv {
  const { NODE_ENV, JEST_WORKER_ID, ...env } = process.env;
  return env;
}

/** Stops a process started detached, with everything it started (its process group). */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const gone = new Promise<void>(done => child.once('exit', () => done()));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 10_000);
  await gone;
  clearTimeout(timer);
}
