import { LocalRunner } from '@sfn-callback/local';

/** One memory sample, after a forced GC when `--expose-gc` is on. */
export interface MemorySample {
  readonly executions: number;
  readonly mainHeapMB: number;
  readonly workerHeapMB: number;
  readonly externalMB: number;
  readonly rssMB: number;
  /** `process.getActiveResourcesInfo()` by type (timers, sockets, …). */
  readonly resources: Record<string, number>;
  readonly runningExecutions: number;
  readonly openTasks: number;
  readonly retainedExecutions: number;
  readonly queuedMessages: number;
}

/** What {@link runMemory} measured. */
export interface MemoryReport {
  readonly executions: number;
  readonly wallMs: number;
  readonly gcForced: boolean;
  readonly samples: MemorySample[];
  readonly statuses: Record<string, number>;
  readonly unexpected: number;
}

const MB = 1024 * 1024;
const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Runs `executions` executions of an app's state machine through the local runner (its
 * worker bundle in a worker thread, the SDK over HTTP), `concurrency` in flight, and samples
 * memory and live resources every `sampleEvery` executions, after a forced GC.
 * Inputs alternate: 3 in 10 ask the worker to fail (`{"fail": true}`).
 */
export async function runMemory(options: {
  readonly assembly: string;
  readonly executions: number;
  readonly sampleEvery: number;
  readonly concurrency?: number;
  readonly onSample?: (sample: MemorySample) => void;
}): Promise<MemoryReport> {
  const runner = await LocalRunner.start({ assembly: options.assembly });
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  const samples: MemorySample[] = [];
  const sample = async (executions: number) => {
    await runner.idle();
    await settle();
    const memory = process.memoryUsage();
    let workerHeap = 0;
    for (const fn of runner.functions.values()) workerHeap += await fn.heapUsed();
    const resources: Record<string, number> = {};
    for (const type of process.getActiveResourcesInfo())
      resources[type] = (resources[type] ?? 0) + 1;
    const s: MemorySample = {
      executions,
      mainHeapMB: round(memory.heapUsed),
      workerHeapMB: round(workerHeap),
      externalMB: round(memory.external),
      rssMB: round(memory.rss),
      resources,
      runningExecutions: runner.runningCount,
      openTasks: runner.openTaskCount,
      retainedExecutions: runner.executions().length,
      queuedMessages: [...runner.queues.values()].reduce(
        (n, q) => n + q.visibleCount + q.inFlightCount + q.delayedCount,
        0,
      ),
    };
    samples.push(s);
    options.onSample?.(s);
  };
  const started = Date.now();
  try {
    await sample(0);
    // Rounds of `sampleEvery` executions, `concurrency` in flight; a sample between rounds,
    // when nothing runs: what is still held then is held for good.
    for (let round = 0; round * options.sampleEvery < options.executions; round++) {
      const first = round * options.sampleEvery;
      const last = Math.min(options.executions, first + options.sampleEvery);
      let next = first;
      const worker = async () => {
        while (next < last) {
          const index = next++;
          const fail = index % 10 < 3;
          const execution = await runner.runExecution(fail ? { index, fail: true } : { index });
          statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
          if (execution.status !== (fail ? 'FAILED' : 'SUCCEEDED')) unexpected += 1;
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 64 }, worker));
      await sample(last);
    }
  } finally {
    await runner.close();
  }
  return {
    executions: options.executions,
    wallMs: Date.now() - started,
    gcForced: typeof (globalThis as { gc?: unknown }).gc === 'function',
    samples,
    statuses,
    unexpected,
  };
}

/** The memory table (markdown). */
export function formatMemory(report: MemoryReport): string {
  const header =
    '| executions | main heap MB | worker heap MB | external MB | rss MB | active resources | running | open tasks | retained | queued |';
  const rows = report.samples.map(
    (s) =>
      `| ${s.executions} | ${s.mainHeapMB} | ${s.workerHeapMB} | ${s.externalMB} | ${s.rssMB} | ${Object.entries(
        s.resources,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(
          ', ',
        )} | ${s.runningExecutions} | ${s.openTasks} | ${s.retainedExecutions} | ${s.queuedMessages} |`,
  );
  return [header, `|${' ---: |'.repeat(10)}`, ...rows].join('\n');
}
