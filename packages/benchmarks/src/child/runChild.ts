import { spawn } from 'node:child_process';

/**
 * Node flags a child runs with: `BENCH_CHILD_FLAGS` (e.g. `--max-old-space-size=128`, to tell live memory
 * from V8's floating garbage), plus `--cpu-prof` ones when the bench profiles (see --profile).
 */
let childFlags: string[] = (process.env.BENCH_CHILD_FLAGS ?? '')
  .split(' ')
  .filter(Boolean);
/** Set for the children when they profile: sync runs then print their time by SQL statement. */
export const TRACE_SQL_VARIABLE = 'BENCH_TRACE_SQL';

export function profileChildren(directory: string): void {
  childFlags = [...childFlags, '--cpu-prof', `--cpu-prof-dir=${directory}`];
  process.env[TRACE_SQL_VARIABLE] = '1';
}

/**
 * Runs a TypeScript entry point in a fresh Node process (through the same transform `yarn bench` uses)
 * with `input` as its argument, and resolves with the JSON it prints last. A child of its own keeps
 * each measurement's memory and JIT state apart from the bench and from other runs. Aborting `signal`
 * ends the child (SIGTERM, so a profile is still written) and resolves with undefined.
 */
export function runChild<T>(
  script: string,
  input: unknown,
  signal?: AbortSignal,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...childFlags,
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        script,
        JSON.stringify(input),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const stop = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', stop, { once: true });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', chunk => {
      stdout += chunk;
    });
    child.on('error', reject);
    child.on('close', code => {
      signal?.removeEventListener('abort', stop);
      if (signal?.aborted) {
        resolve(undefined);
        return;
      }
      const last = stdout.trim().split('\n').pop();
      if (code !== 0 || !last) {
        reject(new Error(`${script} exited with ${code}`));
        return;
      }
      resolve(JSON.parse(last) as T);
    });
  });
}
