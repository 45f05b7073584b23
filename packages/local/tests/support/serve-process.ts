/**
 * Runs the built `sfn-callback-local serve` as a child process (the published bin,
 * dist/cli.js, on the test's Node), reads the endpoint from its banner, and stops it with a
 * signal as a terminal would.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI_BIN = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly endpointUrl: string;
  /** The console's URL with its secret, as the banner prints it (absent with --no-console). */
  readonly consoleUrl: string | undefined;
  /** Everything printed on stdout so far. */
  stdout(): string;
  /** Everything printed on stderr so far. */
  stderr(): string;
  /** Sends the signal; resolves with the exit code and how long the exit took. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

/** Starts `serve` with `args`; resolves once the endpoint is up. */
export async function startServe(args: readonly string[]): Promise<ServeProcess> {
  if (!existsSync(CLI_BIN)) {
    throw new Error(
      `${CLI_BIN} is missing: build the package first (pnpm --filter @sfn-callback/local build)`,
    );
  }
  const child = spawn(process.execPath, [CLI_BIN, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const endpointUrl = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Step Functions endpoint\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearInterval(timer);
        resolve(match[1] as string);
      }
    }, 20);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
  return {
    child,
    endpointUrl,
    consoleUrl: /^Console\s+(http:\/\/\S+)$/m.exec(out)?.[1],
    stdout: () => out,
    stderr: () => err,
    stop: async (signal) => {
      const began = performance.now();
      child.kill(signal);
      const code = await exited;
      return { code, ms: performance.now() - began };
    },
  };
}

/** The AWS CLI's version line, or undefined when `aws` is not on the PATH. */
export function awsCliVersion(): string | undefined {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  return `${probe.stdout}${probe.stderr}`.trim();
}
