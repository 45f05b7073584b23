import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeRunsCli } from '../../src/cli/node-requirement.js';
import { CLI_BIN } from '../support/serve-process.js';

// The built bin run by a Node too old for it (Node 20 is often the system's): one line that
// says which Node is needed and which was found, exit status 2, before anything else loads
// (node:sqlite would fail with "Cannot read properties of undefined (reading
// 'DatabaseSync')").

/** The first `node` on the PATH that is too old to run the CLI, if there is one. */
function oldNodeOnPath(): { path: string; version: string } | undefined {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' });
  for (const path of found.stdout?.split('\n').filter(Boolean) ?? []) {
    const version = execFileSync(path, ['-p', 'process.versions.node'], {
      encoding: 'utf8',
    }).trim();
    if (!nodeRunsCli(version)) return { path, version };
  }
  return undefined;
}

const old = oldNodeOnPath();

describe.skipIf(old === undefined)(`the CLI on Node ${old?.version} (${old?.path})`, () => {
  it.each([['serve'], ['run'], ['--help']])('`%s` says which Node it needs and exits 2', (arg) => {
    const result = spawnSync(old?.path as string, [CLI_BIN, arg], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^sfn-callback-local: needs Node\\.js 22\\.13 or later \\(its store is node:sqlite\\), found ${old?.version.replaceAll('.', '\\.')} at \\S+: install Node`,
      ),
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('DatabaseSync');
  });
});

describe.skipIf(old === undefined)(`the library on Node ${old?.version}`, () => {
  it('LocalRunner.start says which Node its store needs, with a typed error', () => {
    const entry = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
    const script = `import(${JSON.stringify(entry)}).then((m) => m.LocalRunner.start({})).then(
      () => console.log('started'),
      (e) => console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })),
    );`;
    const result = spawnSync(old?.path as string, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    const error = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(error).toMatchObject({ name: 'UnsupportedNodeError', code: 'UnsupportedNode' });
    expect(error.message).toContain(
      `needs node:sqlite, built into Node.js 22.13 and later; this is Node.js ${old?.version}`,
    );
  });
});
