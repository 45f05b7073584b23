import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

// Every way the CLI can be stopped by its user's mistake: one line on stderr, prefixed with
// the program's name, exit status 2, and never a stack trace.

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  const code = await main(
    args,
    { out: (t) => out.push(t), err: (t) => err.push(t), interactive: false },
    stop.signal,
  );
  stop.abort();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Runs the CLI and checks the error convention; returns the line it printed. */
async function failsWithOneLine(args: string[]): Promise<string> {
  const { code, out, err } = await cli(args);
  expect({ code, out }).toEqual({ code: 2, out: '' });
  expect(err).not.toContain('\n');
  expect(err).not.toMatch(/\bat .+:\d+:\d+/); // a stack frame
  expect(err).toMatch(/^sfn-callback-local: /);
  return err;
}

let app: string;
let scratch: string;

beforeAll(async () => {
  app = await synthFixture();
  scratch = mkdtempSync(join(tmpdir(), 'sfn-callback-cli-errors-'));
});

afterAll(() => {
  removeFixtures();
  rmSync(scratch, { recursive: true, force: true });
});

describe('CLI error paths', () => {
  it('an unknown option', async () => {
    expect(await failsWithOneLine(['--bogus'])).toBe(
      'sfn-callback-local: unknown option --bogus (see --help)',
    );
  });

  it('an unknown command, and an argument too many', async () => {
    expect(await failsWithOneLine(['deploy'])).toBe(
      'sfn-callback-local: unknown command "deploy" (see --help)',
    );
    expect(await failsWithOneLine(['run', 'extra'])).toBe(
      'sfn-callback-local: unexpected argument "extra" (see --help)',
    );
  });

  it('an option without its value, and a value given to a switch', async () => {
    expect(await failsWithOneLine(['--app'])).toBe(
      'sfn-callback-local: --app needs a value (see --help)',
    );
    expect(await failsWithOneLine(['--json=yes'])).toBe(
      'sfn-callback-local: --json takes no value (see --help)',
    );
  });

  it('a count that is not a positive integer', async () => {
    for (const count of ['zero', '0', '-3', '1.5', '1e3']) {
      expect(await failsWithOneLine([`--count=${count}`])).toBe(
        `sfn-callback-local: --count must be a positive integer, got ${count} (see --help)`,
      );
    }
  });

  it('a value that starts with a dash, taken for an option', async () => {
    expect(await failsWithOneLine(['--count', '-3'])).toBe(
      'sfn-callback-local: --count needs a value (one that starts with "-" is written --count=<value>) (see --help)',
    );
  });

  it('an --expect that is not a status', async () => {
    expect(await failsWithOneLine(['--expect', 'done'])).toMatch(
      /--expect must be one of SUCCEEDED, FAILED, TIMED_OUT, ABORTED, got done/,
    );
  });

  it('an invalid port', async () => {
    for (const port of ['70000', 'http', '-1', '80.5']) {
      expect(await failsWithOneLine(['serve', '--app', app, `--port=${port}`])).toBe(
        `sfn-callback-local: --port must be a TCP port, an integer from 1 to 65535 (or 0 for a free one), got ${port} (see --help)`,
      );
    }
  });

  it('a port in use', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(await failsWithOneLine(['serve', '--app', app, '--port', String(port)])).toBe(
        `sfn-callback-local: port ${port} on 127.0.0.1 is in use: stop what listens there, choose another --port, or leave --port out for a free one`,
      );
    } finally {
      server.close();
    }
  });

  it('an --app that does not exist, is a file, or has no manifest.json', async () => {
    const missing = join(scratch, 'nope');
    expect(await failsWithOneLine(['--app', missing])).toBe(
      `sfn-callback-local: ${missing} does not exist: run \`cdk synth\` first, or pass its output directory with --app`,
    );
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    expect(await failsWithOneLine(['--app', file])).toMatch(
      /a-file is a file, not a cloud assembly/,
    );
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    expect(await failsWithOneLine(['serve', '--app', empty])).toMatch(
      /empty is not a cloud assembly \(no manifest\.json\)/,
    );
  });

  it('a corrupt manifest.json (an interrupted cdk synth)', async () => {
    const corrupt = join(scratch, 'corrupt');
    mkdirSync(corrupt);
    writeFileSync(join(corrupt, 'manifest.json'), '{"version": "48.0.0", "artifacts": {');
    expect(await failsWithOneLine(['--app', corrupt])).toMatch(
      /corrupt\/manifest\.json is not JSON \(.+\): run `cdk synth` again$/,
    );
  });

  it('a manifest.json that is JSON but not a cloud assembly manifest', async () => {
    const wrong = join(scratch, 'wrong');
    mkdirSync(wrong);
    writeFileSync(join(wrong, 'manifest.json'), '{"name": "not-a-manifest"}');
    await failsWithOneLine(['--app', wrong]);
  });

  it('--input: a missing file says "no such file"', async () => {
    expect(await failsWithOneLine(['--app', app, '--input', 'missing.json'])).toBe(
      'sfn-callback-local: --input missing.json: no such file',
    );
    expect(await failsWithOneLine(['--app', app, '--input', '@missing.json'])).toBe(
      'sfn-callback-local: --input missing.json: no such file',
    );
  });

  it('--input: JSON text with a mistake, a file that is not JSON, a directory', async () => {
    expect(await failsWithOneLine(['--app', app, '--input', '{"order": 7'])).toMatch(
      /^sfn-callback-local: --input is not valid JSON: /,
    );
    const notJson = join(scratch, 'input.txt');
    writeFileSync(notJson, 'order 7');
    expect(await failsWithOneLine(['--app', app, '--input', notJson])).toMatch(
      /input\.txt is not JSON: /,
    );
    expect(await failsWithOneLine(['--app', app, '--input', scratch])).toMatch(
      /: is a directory, not a JSON file$/,
    );
  });

  it('a stack or a state machine the assembly does not have', async () => {
    expect(await failsWithOneLine(['--app', app, '--stack', 'Nope'])).toMatch(
      /no stack "Nope" in the assembly; stacks: /,
    );
    expect(await failsWithOneLine(['--app', app, '--state-machine', 'Nope'])).toMatch(
      /no state machine "Nope"/,
    );
  });
});
