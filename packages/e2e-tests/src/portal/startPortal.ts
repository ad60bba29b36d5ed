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

/**
 * Stops a process started detached, with everything it started (its process group), and resolves only when
 * every member is gone: the leader (bash) exits first while the app's dev server and the backend still hold
 * their ports, and the next suite to start a portal would find them in use.
 */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const group = -child.pid;
  if (!signal(group, 'SIGTERM')) return;
  const killAt = Date.now() + 15_000;
  // A member killed and never reaped (a zombie under a PID 1 that does not reap) still counts as present.
  const giveUpAt = killAt + 5_000;
  while (signal(group, 0) && Date.now() < giveUpAt) {
    if (Date.now() > killAt) signal(group, 'SIGKILL');
    await new Promise(done => setTimeout(done, 200));
  }
}

/** Sends a signal to a process group; false when no process of that group is left. */
function signal(group: number, name: NodeJS.Signals | 0): boolean {
  try {
    process.kill(group, name);
    return true;
  } catch {
    return false;
  }
}
