import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The conformance run (`pnpm conformance`) inside the test command: every execution recorded
// on AWS that the engine can run must match — status, output, error, cause and history. It
// takes about a second with the virtual clock. The corpus lives beside the repository
// (../shared/asl-conformance), not in it.

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const cases = fileURLToPath(
  new URL('../../../../../shared/asl-conformance/cases', import.meta.url),
);

describe.skipIf(!existsSync(cases))('executions recorded on AWS', () => {
  it('all pass', () => {
    const run = spawnSync(process.execPath, ['conformance/run.ts', '--cases', cases], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const summary = run.stdout.trim().split('\n').at(-1);
    expect(run.stderr).toBe('');
    expect(summary).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(summary?.split(' ')[0])).toBeGreaterThanOrEqual(833);
    expect(run.status).toBe(0);
  }, 120_000);
});
