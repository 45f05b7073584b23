/**
 * The cost of state machine coverage: the same 200-test suite run with and without a
 * coverage collector (what the vitest plugin registers in each test file: an observer on
 * every execution, then the fragment written at the end), interleaved in rounds in one
 * process, CPU time. Printed as a ratio; the end-of-run merge and reports are timed apart.
 *
 * The suite: the coverage fixture (a Choice with three rules and a Default, a Task with two
 * retriers and two catchers, a Map and a Parallel) through its four ways, 50 tests each.
 *
 * Run with `pnpm bench` or `pnpm --filter @sfn-callback/testing bench`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CoverageCollector,
  finishCoverageRun,
  observeExecutions,
  resolveCoverageOptions,
  TestMachine,
} from '../dist/index.js';

const SUITE = 200;
const ROUNDS = 21;
const definition = JSON.parse(
  readFileSync(
    new URL('../tests/fixtures/coverage-project/orders.asl.json', import.meta.url),
    'utf8',
  ),
);
const orders = TestMachine.fromDefinition(definition, { name: 'orders' });
const charged = { result: { StatusCode: 200, Payload: {} } };

/** One test of the suite: the i-th of four ways through the machine. */
async function test(i: number): Promise<void> {
  let execution: Awaited<ReturnType<TestMachine['run']>>;
  switch (i % 4) {
    case 0:
      execution = await orders.run(
        { kind: 'one' },
        { mocks: { Charge: [{ error: 'Busy' }, charged] } },
      );
      break;
    case 1:
      execution = await orders.run({ kind: 'many', items: [1, 2, 3] });
      break;
    case 2:
      execution = await orders.run({ kind: 'both' });
      break;
    default:
      execution = await orders.run({ kind: 'one' }, { mocks: { Charge: { error: 'Declined' } } });
  }
  if (execution.status === 'RUNNING') throw new Error('a test did not end');
}

const scratch = mkdtempSync(join(tmpdir(), 'sfn-coverage-bench-'));

/** CPU time of one suite run, in ms; with coverage, the test file's fragment is written too. */
async function suite(withCoverage: boolean): Promise<number> {
  const started = process.cpuUsage();
  const collector = withCoverage ? new CoverageCollector() : undefined;
  const stop = collector ? observeExecutions(collector.observer) : undefined;
  for (let i = 0; i < SUITE; i++) {
    await test(i);
    if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
  }
  if (collector) {
    stop?.();
    writeFileSync(join(scratch, 'fragment.json'), JSON.stringify(collector.data()));
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

await suite(false); // warm-up
await suite(true);
const without: number[] = [];
const withCoverage: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  without.push(await suite(false));
  withCoverage.push(await suite(true));
}
const plain = median(without);
const covered = median(withCoverage);

const options = resolveCoverageOptions({
  reportsDirectory: join(scratch, 'reports'),
  reporters: ['html', 'lcov', 'json'],
});
const fragments = join(scratch, 'fragments');
const { mkdirSync } = await import('node:fs');
mkdirSync(fragments);
writeFileSync(join(fragments, 'a.json'), readFileSync(join(scratch, 'fragment.json')));
const reportStart = process.cpuUsage();
await finishCoverageRun(fragments, options);
const reportUsed = process.cpuUsage(reportStart);
rmSync(scratch, { recursive: true, force: true });

console.log(`${SUITE}-test suite, CPU time, median of ${ROUNDS} rounds, interleaved`);
console.log(
  `without coverage ${plain.toFixed(1)} ms   with coverage ${covered.toFixed(1)} ms   ratio ${(covered / plain).toFixed(2)}×`,
);
console.log(
  `end of run (merge, JSON, ASL file, Istanbul html + lcov + json): ${((reportUsed.user + reportUsed.system) / 1000).toFixed(1)} ms once per run (${((reportUsed.user + reportUsed.system) / 1000 / plain).toFixed(2)}× one suite run)`,
);
