import { spawn } from 'node:child_process';

/**
 * Runs a command to completion, failing with its last output when it exits non-zero. Without Jest's
 * `NODE_ENV=test`, which would change how a portal builds and starts.
 */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  const { NODE_ENV, JEST_WORKER_ID, ...inherited } = process.env;
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...inherited, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = `${output}${chunk}`.slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(
    () => child.kill('SIGKILL'),
    options.timeoutMs ?? 15 * 60_000,
  );
  const code = await new Promise<number | null>(done =>
    child.once('close', done),
  );
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${
        options.cwd
      }) exited with ${code}:\n${output}`,
    );
  }
  return output;
}
