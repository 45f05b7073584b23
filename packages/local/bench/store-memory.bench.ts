/**
 * Memory of the store over many executions, in-process: a 3-state machine created through
 * the runner, 60,000 executions 500 at a time, the heap (after two GCs) and the resident
 * memory at 1,000, 10,000, 30,000 and 60,000. In memory by default; DATA_DIR=<dir> puts the
 * store on disk.
 *
 *   pnpm run build && node --expose-gc bench/store-memory.bench.ts
 */
import { LocalRunner } from '../dist/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const dataDir = process.env.DATA_DIR;
const runner = await LocalRunner.start(dataDir ? { dataDir } : {});
runner.created.create({
  name: 'Bench',
  type: 'STANDARD',
  roleArn: 'arn:aws:iam::000000000000:role/bench',
  definition: JSON.stringify({
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Result: 1, ResultPath: '$.a', Next: 'B' },
      B: { Type: 'Pass', Next: 'C' },
      C: { Type: 'Succeed' },
    },
  }),
});
const marks = [1000, 10_000, 30_000, 60_000];
const began = performance.now();
let done = 0;
try {
  for (const mark of marks) {
    while (done < mark) {
      const batch = Math.min(500, mark - done);
      await Promise.all(
        Array.from({ length: batch }, () =>
          runner.runExecution({ n: 1 }, { stateMachine: 'Bench' }),
        ),
      );
      done += batch;
    }
    gc();
    gc();
    const { heapUsed, rss } = process.memoryUsage();
    console.log(
      `${mark} executions: heap ${(heapUsed / 2 ** 20).toFixed(1)} MB, rss ${(rss / 2 ** 20).toFixed(0)} MB, ${(performance.now() - began).toFixed(0)} ms`,
    );
  }
  const first = runner.executions()[0];
  console.log(`store: ${runner.store.executionCount} executions; the first is ${first?.status}`);
} finally {
  await runner.close();
}
