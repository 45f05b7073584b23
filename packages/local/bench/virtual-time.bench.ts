/**
 * The retry scenario of issue 23 — a worker that fails once, its message coming back after
 * the queue's visibility timeout — on virtual time beside real time, in the same run.
 *
 * Real time would sit for the whole 3-minute visibility timeout of the example app, so its
 * baseline uses a 2-second one; virtual time is measured with both (2 s and 180 s). Each
 * configuration has its own runner, warmed by one execution (the worker's cold start), and
 * the measured executions are interleaved in rounds so that the machine's load falls on all
 * of them alike.
 *
 * Run with `pnpm bench` (or `node bench/virtual-time.bench.ts` in packages/local); it needs
 * `dist`. Environment: BENCH_RETRY_ROUNDS (default 5).
 */
import { LocalRunner } from '../dist/index.js';
import { removeFixtures, synthFixture } from '../tests/fixtures/fixture-app.ts';

const ROUNDS = Number(process.env.BENCH_RETRY_ROUNDS ?? 5);

interface Configuration {
  readonly label: string;
  readonly time: 'virtual' | 'real';
  readonly visibilitySeconds: number;
  runner?: LocalRunner;
  readonly wallMs: number[];
  readonly historyMs: number[];
}

const configurations: Configuration[] = [
  { label: 'real time, 2 s visibility timeout', time: 'real', visibilitySeconds: 2 },
  { label: 'virtual time, 2 s visibility timeout', time: 'virtual', visibilitySeconds: 2 },
  { label: 'virtual time, 180 s visibility timeout', time: 'virtual', visibilitySeconds: 180 },
].map((c) => ({ ...c, wallMs: [], historyMs: [] }));

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

console.log(
  `sfn-callback-local virtual time: a worker failing once, ${ROUNDS} rounds, Node ${process.versions.node}\n`,
);
try {
  for (const configuration of configurations) {
    const assembly = await synthFixture({
      visibilityTimeoutSeconds: configuration.visibilitySeconds,
      heartbeatSeconds: 300,
      timeoutSeconds: 900,
    });
    configuration.runner = await LocalRunner.start({ assembly, time: configuration.time });
    const warm = await configuration.runner.runExecution({ warm: true });
    if (warm.status !== 'SUCCEEDED') throw new Error(`warm-up ${warm.status}`);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const configuration of configurations) {
      const runner = configuration.runner as LocalRunner;
      const began = performance.now();
      const execution = await runner.runExecution({ mode: 'fail-once' });
      configuration.wallMs.push(performance.now() - began);
      if (execution.status !== 'SUCCEEDED')
        throw new Error(`${configuration.label}: ${execution.status}`);
      const at = (type: string) =>
        execution.events.find((e) => e.type === type)?.timestamp.getTime() ?? Number.NaN;
      configuration.historyMs.push(at('TaskSucceeded') - at('TaskSubmitted'));
    }
  }
} finally {
  await Promise.all(configurations.map((c) => c.runner?.close()));
  removeFixtures();
}

console.log('configuration                              wall (median)   retry in the history');
for (const c of configurations) {
  console.log(
    `${c.label.padEnd(42)} ${`${median(c.wallMs).toFixed(0)} ms`.padStart(13)}   ${(median(c.historyMs) / 1000).toFixed(1)} s`,
  );
}
const [real, virtualShort, virtualLong] = configurations.map((c) => median(c.wallMs)) as [
  number,
  number,
  number,
];
console.log(
  `\nratio virtual / real, same 2 s timeout     ${(virtualShort / real).toFixed(4)}  (real is ${(real / virtualShort).toFixed(0)}× slower)`,
);
console.log(
  `ratio virtual 180 s / real 2 s            ${(virtualLong / real).toFixed(4)}  (the 180 s case on real time would take 180 s + ${(real - 2000).toFixed(0)} ms of work, ${((180_000 + real - 2000) / virtualLong).toFixed(0)}× the virtual run)`,
);
