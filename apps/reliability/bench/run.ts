/**
 * The reliability bench: a bigger fault-injection run than the test, and the memory run.
 *
 *   pnpm --filter reliability bench                      # default seed
 *   pnpm --filter reliability bench -- --seed 42         # replay another seed
 *   options: --seed N  --fault N  --example N  --memory N  --skip-memory  --skip-faults
 *
 * Prints markdown tables (the ones in docs/reliability.md) on stdout; exit status 1 when an
 * invariant does not hold or the memory run grew.
 */
import { DEFAULT_FAULTS, runFaultInjection } from '../src/fault-run.ts';
import { formatReport } from '../src/format-report.ts';
import { runHandlerMemory } from '../src/handler-memory-run.ts';
import { formatMemory, runMemory } from '../src/memory-run.ts';
import { synthApps } from '../src/synth.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} takes a whole number, got ${args[index + 1]}`);
    process.exit(2);
  }
  return value;
};
const seed = option('seed', 20261126);
const faultExecutions = option('fault', 5000);
const exampleExecutions = option('example', 1000);
const memoryExecutions = option('memory', 10_000);
const log = (line: string) => process.stderr.write(`${line}\n`);

let failed = false;
const apps = synthApps();
try {
  if (!args.includes('--skip-faults')) {
    log(`fault-injection run: seed ${seed}, ${faultExecutions} + ${exampleExecutions} executions`);
    const report = await runFaultInjection({
      ...DEFAULT_FAULTS,
      seed,
      faultExecutions,
      exampleExecutions,
      apps,
      onProgress: log,
    });
    const command = `pnpm --filter reliability bench -- --seed ${seed} --fault ${faultExecutions} --example ${exampleExecutions} --skip-memory`;
    const text = formatReport(report, command);
    if (report.leaksIn(text) > 0) throw new Error('the report would print a token');
    console.log('## Fault-injection run\n');
    console.log(text);
    if (report.invariants.some((row) => !row.ok)) failed = true;
  }
  if (!args.includes('--skip-memory')) {
    log(`memory run: ${memoryExecutions} executions of the example app`);
    const memory = await runMemory({
      assembly: apps.exampleAssembly,
      executions: memoryExecutions,
      sampleEvery: 1000,
      onSample: (s) =>
        log(`  ${s.executions}: main heap ${s.mainHeapMB} MB, worker heap ${s.workerHeapMB} MB`),
    });
    // Warm-up: the first 1,000 executions, the runner's retention window (it keeps the last
    // 1,000 ended executions for DescribeExecution by design), the worker's cold start and JIT.
    const [, warm] = memory.samples;
    const end = memory.samples[memory.samples.length - 1];
    console.log(
      `\n## Memory over ${memory.executions} executions (${(memory.wallMs / 1000).toFixed(1)} s, ${Math.round(memory.executions / (memory.wallMs / 1000))}/s; GC forced: ${memory.gcForced ? 'yes' : 'no, run with --expose-gc'})\n`,
    );
    console.log(formatMemory(memory));
    console.log(
      `\nStatuses: ${Object.entries(memory.statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; unexpected ${memory.unexpected}.`,
    );
    if (warm && end) {
      const growth = end.mainHeapMB - warm.mainHeapMB;
      const workerGrowth = end.workerHeapMB - warm.workerHeapMB;
      // The worker thread's heap is sampled without a forced GC (it cannot be forced from
      // outside): compare the lowest of the last three samples with the highest of the first three.
      const workerHeaps = memory.samples.slice(1).map((s) => s.workerHeapMB);
      const workerDrift = Math.min(...workerHeaps.slice(-3)) - Math.max(...workerHeaps.slice(0, 3));
      console.log(
        `Main heap after warm-up (${warm.executions}) ${warm.mainHeapMB} MB, at the end ${end.mainHeapMB} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB); worker heap ${warm.workerHeapMB} → ${end.workerHeapMB} MB (${workerGrowth >= 0 ? '+' : ''}${workerGrowth.toFixed(1)} MB).`,
      );
      const resourcesGrew = Object.entries(end.resources).some(
        ([type, count]) => count > (warm.resources[type] ?? 0),
      );
      // Growth beyond noise: 5 MB of main heap, 2 MB of worker heap, or more live resources.
      console.log(
        `Worker heap (no forced GC): lowest of the last three samples minus highest of the first three: ${workerDrift.toFixed(1)} MB. Active resources grew: ${resourcesGrew ? 'yes' : 'no'}.`,
      );
      if (growth > 5 || workerDrift > 5 || resourcesGrew || memory.unexpected > 0) failed = true;
      if (end.runningExecutions || end.openTasks || end.queuedMessages) failed = true;
    }
    log(`handler memory run: ${memoryExecutions} executions, the example's handler in this thread`);
    const handlerMemory = await runHandlerMemory({
      assembly: apps.exampleAssembly,
      executions: memoryExecutions,
      sampleEvery: 1000,
    });
    console.log(
      `\n## The example's handler bundle in the main thread (heap after forced GC), ${handlerMemory.executions} executions\n`,
    );
    console.log('| executions | heap MB | active resources |\n| ---: | ---: | ---: |');
    for (const s of handlerMemory.samples)
      console.log(`| ${s.executions} | ${s.heapMB} | ${s.resources} |`);
    const hWarm = handlerMemory.samples[1];
    const hEnd = handlerMemory.samples[handlerMemory.samples.length - 1];
    if (hWarm && hEnd) {
      const growth = hEnd.heapMB - hWarm.heapMB;
      console.log(
        `\nStatuses: ${Object.entries(handlerMemory.statuses)
          .map(([k, v]) => `${k} ${v}`)
          .join(
            ', ',
          )}; batch item failures ${handlerMemory.batchItemFailures}; ${handlerMemory.invocations} invocations wrote ${handlerMemory.metricsDocuments} outcome-metrics documents. Heap after warm-up (${hWarm.executions}) ${hWarm.heapMB} MB, at the end ${hEnd.heapMB} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB); active resources ${hWarm.resources} → ${hEnd.resources}.`,
      );
      if (growth > 2 || hEnd.resources > hWarm.resources) failed = true;
    }
  }
} finally {
  apps.remove();
}
process.exit(failed ? 1 : 0);
