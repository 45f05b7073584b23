// `import '@sfn-callback/testing/vitest'` (in a test file or a `setupFiles` entry) installs
// the state machine matchers in vitest's `expect`, with their types. Under the
// `stateMachineCoverage` plugin it also collects this test file's coverage.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import {
  CoverageCollector,
  observeExecutions,
  type StateMachineMatchers,
  stateMachineMatchers,
} from './index.js';

expect.extend(stateMachineMatchers);

const fragments = inject('sfnCallbackCoverageFragments' as never) as string | undefined;
if (fragments) {
  const collector = new CoverageCollector();
  const stop = observeExecutions(collector.observer);
  afterAll(() => {
    stop();
    const data = collector.data();
    if (data.machines.length === 0) return;
    writeFileSync(join(fragments, `${process.pid}-${randomUUID()}.json`), JSON.stringify(data));
  });
}

declare module 'vitest' {
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown>
    extends StateMachineMatchers<R> {}
}
