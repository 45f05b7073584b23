import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The README's example, run as written by vitest in a folder of its own inside the package
// (so that `@sfn-callback/testing` resolves to the built package, as a user installs it),
// with the state machine file where the example reads it.

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${packageDir}README.md`, 'utf8');
const example = /## Example\n\n[^`]*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
const folder = `${packageDir}.readme-example-${process.pid}/`;
const vitestBin = fileURLToPath(new URL('vitest.mjs', import.meta.resolve('vitest/package.json')));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the README example', () => {
  it('is a test of the callback pattern in about 20 lines', () => {
    expect(example).toBeDefined();
    const lines = (example ?? '').trim().split('\n').length;
    expect(lines).toBeLessThanOrEqual(26);
    expect(example).toContain('waitForTask(');
  });

  it('passes under vitest', () => {
    mkdirSync(`${folder}state-machines`, { recursive: true });
    copyFileSync(
      `${packageDir}tests/fixtures/approval.asl.yaml`,
      `${folder}state-machines/approval.asl.yaml`,
    );
    writeFileSync(`${folder}approval.test.ts`, example ?? '');
    writeFileSync(`${folder}vitest.config.ts`, 'export default {};\n');
    const output = execFileSync(process.execPath, [vitestBin, 'run', '--reporter=verbose'], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    expect(output).toMatch(/ships once the reviewer approves/);
    expect(output).toMatch(/expires when nobody answers within the hour/);
    expect(output).toMatch(/Tests\s+2 passed \(2\)/);
  }, 60_000);
});
