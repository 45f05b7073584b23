/**
 * Starts a long-running command the way a user does (through a package manager's bin or
 * script), in a process group of its own, so that a test can signal the top process and then
 * see whether anything of the tree it started is left.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface StartedTree {
  /** The top process (the package manager); its pid is the group's id. */
  readonly top: ChildProcess;
  /** The Step Functions endpoint `serve` printed. */
  readonly endpointUrl: string;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
}

/** Starts `command args` in `cwd` in a new process group; resolves once `serve` listens. */
export async function startTree(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartedTree> {
  const top = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  top.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  top.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  const endpointUrl = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Step Functions endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearInterval(timer);
        resolve(match[1] as string);
      }
    }, 50);
    top.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`${command} exited with ${code} before serve listened:\n${out}`));
    });
  });
  return { top, endpointUrl, output: () => out };
}

/** Whether any process of the group `groupId` is alive (signal 0 checks, sends nothing). */
export function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Whether `url` answers an HTTP request at all (any status). */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 100 ms until it holds or `attempts` run out; returns the last value. */
export async function eventually(condition: () => Promise<boolean> | boolean, attempts = 100) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Kills whatever is left of the group (a failed test must not leave a server behind). */
export function killGroup(groupId: number): void {
  try {
    process.kill(-groupId, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
