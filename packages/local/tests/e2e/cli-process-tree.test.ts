import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  answers,
  eventually,
  groupAlive,
  killGroup,
  type StartedTree,
  startTree,
} from '../support/process-tree.js';

// `serve` started as a user starts it, through a package manager, then stopped as scripts
// and CI stop things: a signal to the top process only. The whole tree must stop, and the
// port with it. (A package manager signals the shell it runs the bin through, and that
// shell dies without passing the signal on: the example's scripts `exec` the server, and
// the CLI stops when it is orphaned under a package manager.)

const APP_DIR = fileURLToPath(new URL('../../../../apps/callback-example/', import.meta.url));
const BIN = join(APP_DIR, 'node_modules', '.bin', 'sfn-callback-local');

function onPath(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let started: StartedTree | undefined;

afterEach(() => {
  if (started?.top.pid !== undefined) killGroup(started.top.pid);
  started = undefined;
});

async function expectTreeStops(tree: StartedTree, signal: NodeJS.Signals, toGroup = false) {
  const group = tree.top.pid as number;
  expect(await answers(tree.endpointUrl)).toBe(true);
  // A terminal's Ctrl-C goes to the whole foreground group; kill(1) to the top process.
  process.kill(toGroup ? -group : group, signal);
  expect(await eventually(async () => !(await answers(tree.endpointUrl)))).toBe(true);
  expect(await eventually(() => !groupAlive(group))).toBe(true);
}

describe('stopping serve started through a package manager', () => {
  it.skipIf(!onPath('npm'))(
    '`npx sfn-callback-local serve`: SIGTERM to npm stops the server, no process is left',
    async () => {
      expect(existsSync(BIN), `${BIN}: run pnpm install at the root`).toBe(true);
      started = await startTree(
        'npm',
        ['exec', '--no', '--', 'sfn-callback-local', 'serve', '--port', '0', '--no-console'],
        APP_DIR,
      );
      await expectTreeStops(started, 'SIGTERM');
    },
  );

  it.skipIf(!onPath('pnpm')).each([
    ['SIGTERM', false],
    ['SIGHUP', false],
    ['SIGINT', true],
  ] as const)(
    "the example's `pnpm console` script: %s stops the server, no process is left",
    async (signal, toGroup) => {
      started = await startTree('pnpm', ['run', 'console', '--port', '0', '--no-console'], APP_DIR);
      await expectTreeStops(started, signal, toGroup);
    },
  );
});
