import './ts-resolve.ts';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type ConformanceCase, isCasesDir, loadCases, RUNNABLE_KINDS } from './load-cases.ts';
import { areaCounts, formatFailure, formatTable } from './report.ts';
import type { CaseResult, EngineModule } from './run-case.ts';

/**
 * Runs the ASL conformance corpus against the engine:
 *   node conformance/run.ts [--cases <dir>] [--area <name>]... [--case <id part>]...
 *                           [--verbose] [--json <file>] [--no-fail] [--concurrency <n>]
 * Ends with the line `N passed, M failed`; exits 1 when a case failed (0 with --no-fail),
 * 2 when the corpus is missing.
 */

// The engine's sources use TypeScript that type stripping alone cannot run (parameter
// properties): run again with Node's TypeScript transform when it is not on.
const TRANSFORM = '--experimental-transform-types';
if (!process.execArgv.includes(TRANSFORM)) {
  const child = spawnSync(
    process.execPath,
    [
      TRANSFORM,
      '--disable-warning=ExperimentalWarning',
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const DEFAULT_CASES = resolve(repoRoot, '../shared/asl-conformance/cases');

// `pnpm conformance -- --area map` passes the `--` on (pnpm 12 does): the options follow it.
const argv = process.argv.slice(2);
const args = argv[0] === '--' ? argv.slice(1) : argv;

const { values } = parseArgs({
  args,
  options: {
    cases: { type: 'string' },
    area: { type: 'string', multiple: true },
    case: { type: 'string', multiple: true },
    verbose: { type: 'boolean', default: false },
    json: { type: 'string' },
    'no-fail': { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '8' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(
    'usage: node conformance/run.ts [--cases <dir>] [--area <name>]... [--case <id substring>]... [--verbose] [--json <file>] [--no-fail] [--concurrency <n>]',
  );
  process.exit(0);
}

const casesDir = values.cases ? resolve(values.cases) : DEFAULT_CASES;
if (!isCasesDir(casesDir)) {
  console.error(
    `conformance: no corpus at ${casesDir}.\n` +
      'The corpus (969 cases: definitions, inputs and what AWS recorded, extracted from the\n' +
      'snapshot tests LocalStack records against AWS, localstack/localstack@8b9a79f0,\n' +
      'tests/aws/services/stepfunctions/v2) is kept outside this repository, beside the clone:\n' +
      `put its folder at ${resolve(DEFAULT_CASES, '..')} (holding cases/<area>/*.json),\n` +
      'or point at its cases folder: pnpm conformance --cases <dir>.\n' +
      'Without it, the engine is still tested by `pnpm --filter @sfn-callback/asl test`.',
  );
  process.exit(2);
}

const all = loadCases(casesDir, { areas: values.area, ids: values.case });
const runnable: ConformanceCase[] = all.filter((testCase) =>
  RUNNABLE_KINDS.includes(testCase.kind),
);
const skipped = all.filter((testCase) => !RUNNABLE_KINDS.includes(testCase.kind));

const engine: EngineModule = await import('./engine.ts');
const { runCase } = await import('./run-case.ts');

const began = performance.now();
const results: CaseResult[] = new Array(runnable.length);
let nextIndex = 0;
const limit = Math.max(1, Number(values.concurrency) || 1);
await Promise.all(
  Array.from({ length: Math.min(limit, runnable.length) }, async () => {
    while (nextIndex < runnable.length) {
      const index = nextIndex++;
      const testCase = runnable[index] as ConformanceCase;
      try {
        results[index] = await runCase(testCase, engine, { all: values.verbose });
      } catch (error) {
        results[index] = {
          id: testCase.id,
          area: testCase.area,
          kind: testCase.kind,
          passed: false,
          differences: [
            { path: '', expected: undefined, actual: undefined, message: 'harness error' },
          ],
          calls: [],
          problems: [error instanceof Error ? (error.stack ?? error.message) : String(error)],
          ms: 0,
        };
      }
    }
  }),
);
const seconds = ((performance.now() - began) / 1000).toFixed(1);

console.log(formatTable(areaCounts(results, skipped)));
const failures = results.filter((result) => !result.passed);
if (failures.length > 0) {
  console.log(`\nFailing cases (${values.verbose ? 'all differences' : 'first difference'}):`);
  for (const failure of failures) console.log(formatFailure(failure, values.verbose));
}
if (skipped.length > 0) {
  const kinds = [...new Set(skipped.map((testCase) => testCase.kind))].sort().join(', ');
  console.log(`\n${skipped.length} not run (kinds: ${kinds})`);
}
console.log(`ran ${results.length} cases in ${seconds} s`);

if (values.json) {
  writeFileSync(
    values.json,
    `${JSON.stringify(
      {
        casesDir,
        passed: results.length - failures.length,
        failed: failures.length,
        notRun: skipped.map((testCase) => ({ id: testCase.id, kind: testCase.kind })),
        results: results.map(({ actual, ...rest }) => ({ ...rest, actualStatus: actual?.status })),
      },
      null,
      2,
    )}\n`,
  );
}

const passed = results.length - failures.length;
console.log(`${passed} passed, ${failures.length} failed`);
process.exitCode = failures.length > 0 && !values['no-fail'] ? 1 : 0;
