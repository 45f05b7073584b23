import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const project = fileURLToPath(new URL('../fixtures/coverage-project', import.meta.url));
const vitestCli = join(
  createRequire(import.meta.url).resolve('vitest/package.json'),
  '..',
  'vitest.mjs',
);
const scratch = mkdtempSync(join(tmpdir(), 'sfn-coverage-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the fixture project's two test files in vitest (two workers), as a user's CI would. */
function runProject(env: Record<string, string>) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    execFile(
      process.execPath,
      [vitestCli, 'run', '--root', project],
      { env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

describe('the vitest plugin over a whole run', () => {
  it('merges both test files into one report: JSON, Istanbul counts, ASL file, text table', async () => {
    const dir = join(scratch, 'passing');
    const run = await runProject({ COVERAGE_DIR: dir, COVERAGE_THRESHOLDS: '{"states":50}' });
    expect(run.output).toContain('State machine coverage');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'state-machine-coverage.json'), 'utf8'));
    expect(report.machines).toHaveLength(1);
    const covered = report.machines[0].items
      .filter((i: { hits: number }) => i.hits > 0)
      .map((i: { id: string }) => i.id);
    expect(covered.sort()).toEqual(
      [
        'state:Route',
        'choice:Route:0',
        'choice:Route:1',
        'choice:Route:Default',
        'state:Charge',
        'retry:Charge:0',
        'state:Each',
        'map:Each',
        'state:Item',
        'state:Reject',
      ].sort(),
    );
    expect(report.totals).toEqual({
      states: { covered: 5, total: 9, pct: 55.55 },
      branches: { covered: 4, total: 7, pct: 57.14 },
      errorHandlers: { covered: 1, total: 4, pct: 25 },
    });
    // Item runs once per Map item: two.
    expect(report.machines[0].hits['state:Item']).toBe(2);

    const istanbul = JSON.parse(readFileSync(join(dir, 'coverage-final.json'), 'utf8'));
    const [file] = Object.keys(istanbul);
    expect(file).toBe(join(dir, 'asl', 'orders.asl.json'));
    const coverage = istanbul[file as string];
    // States as statements (Route entered by all three tests), in definition order: Route Charge Each Item Both Left Right Reject Broken.
    expect(Object.values(coverage.s)).toEqual([3, 1, 1, 2, 0, 0, 0, 1, 0]);
    // Branches: Route's rules + Default, Charge's Retry, Charge's Catch, Each's processor, Both's branches.
    const branches = Object.values(coverage.branchMap).map((b) => (b as { type: string }).type);
    const counts = Object.values(coverage.b);
    expect(branches.map((type, i) => [type, counts[i]])).toEqual([
      ['switch', [1, 1, 0, 1]],
      ['retry', [1, 0]],
      ['catch', [0, 0]],
      ['map', [2]], // the item processor ran once per item
      ['parallel', [0, 0]],
    ]);
    // The statement of Route spans its member in the pretty-printed ASL file.
    const asl = readFileSync(join(dir, 'asl', 'orders.asl.json'), 'utf8').split('\n');
    const route = coverage.statementMap['0'];
    expect(asl[route.start.line - 1]?.slice(route.start.column)).toBe('"Route": {');
    expect(asl[route.end.line - 1]?.slice(0, route.end.column).trim()).toBe('}');
    const lcov = readFileSync(join(dir, 'lcov.info'), 'utf8');
    expect(lcov).toMatch(/^SF:.*\/passing\/asl\/orders\.asl\.json$/m);
    expect(lcov).toContain('BRDA:5,0,2,0'); // Route's third rule, never taken
    expect(lcov).toContain('BRH:5');
    expect(readFileSync(join(dir, 'cobertura-coverage.xml'), 'utf8')).toContain('orders.asl.json');
    const pages = readdirSync(dir, { recursive: true }).map(String);
    const page = pages.find((path) => path.endsWith('orders.asl.json.html'));
    expect(page, pages.join(', ')).toBeDefined();
    const html = readFileSync(join(dir, page as string), 'utf8');
    expect(html).toContain('"Route": {');
    // Istanbul marks the states never entered (Both, Left, Right, Broken) as uncovered statements.
    expect(html.match(/class="cstat-no"/g)).toHaveLength(4);
    expect(html).toMatch(/5\/9\s*<\/span>/); // statements: 5 of 9 states
  });

  it('fails the run under a threshold, naming what was never covered', async () => {
    const run = await runProject({
      COVERAGE_DIR: join(scratch, 'failing'),
      COVERAGE_THRESHOLDS: '{"states":50,"errorHandlers":80}',
    });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('error handlers: 25% (1/4) is under the threshold of 80%');
    expect(run.output).toContain('orders: Charge → Catch[1] (States.ALL)');
    expect(run.output).toContain('orders: Charge → Retry[1] (States.Timeout)');
    expect(run.output).not.toContain('states: 55.55%');
  });

  it('fails at once when the reports directory cannot be written', async () => {
    // A file where a directory should be (permissions alone do not stop root, as CI runs).
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    const run = await runProject({ COVERAGE_DIR: join(file, 'reports') });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(
      `cannot write its reportsDirectory ${join(file, 'reports')}: ENOTDIR`,
    );
  });
});
