import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The README's coverage config, run as written by vitest in a folder of its own inside the
// package (`@sfn-callback/testing/coverage` resolves to the built package, as a user
// installs it), over the coverage fixture's state machine and test files.

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(`${packageDir}README.md`, 'utf8');
const config = /## Coverage of state machines\n[^`]*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
const fixture = `${packageDir}tests/fixtures/coverage-project/`;
const folder = `${packageDir}.readme-coverage-${process.pid}/`;
const vitestBin = fileURLToPath(new URL('vitest.mjs', import.meta.resolve('vitest/package.json')));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the README's coverage config", () => {
  it('collects coverage across the test files and fails under its thresholds, naming what was never covered', async () => {
    expect(config).toContain('stateMachineCoverage(');
    mkdirSync(folder, { recursive: true });
    writeFileSync(`${folder}vitest.config.ts`, config ?? '');
    copyFileSync(`${fixture}orders.asl.json`, `${folder}orders.asl.json`);
    for (const file of ['one', 'many']) {
      const test = readFileSync(`${fixture}${file}.cov-test.ts`, 'utf8').replace(
        '../../../src/index.ts',
        '@sfn-callback/testing',
      );
      writeFileSync(`${folder}${file}.test.ts`, `import '@sfn-callback/testing/vitest';\n${test}`);
    }
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(
        process.execPath,
        [vitestBin, 'run'],
        { cwd: folder, env: { ...process.env, NO_COLOR: '1', CI: '1' } },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` }),
      ),
    );
    expect(output).toContain('3 passed');
    expect(code).toBe(1);
    expect(output).toContain('states: 55.55% (5/9) is under the threshold of 100%');
    expect(output).toContain('orders: Both → Branches[1]');
    expect(output).toContain('error handlers: 25% (1/4) is under the threshold of 50%');
    const report = JSON.parse(
      readFileSync(`${folder}coverage-state-machines/state-machine-coverage.json`, 'utf8'),
    );
    expect(report.totals.branches).toEqual({ covered: 4, total: 7, pct: 57.14 });
  });
});
