import { alarmToJson, formatAlarms } from '../alarms/format-alarms.js';
import { LocalAlarms } from '../alarms/runner-adapter.js';
import type { ExecutionDescription, ExecutionStatus } from '../model/execution.js';
import { redactToken } from '../model/token-redaction.js';
import { LocalRunner } from '../runner/local-runner.js';
import { defaultAssembly } from './default-assembly.js';
import { executionToJson, formatExecution } from './format-history.js';
import type { CliOptions } from './parse-args.js';
import { readInput } from './read-input.js';

/** Where the CLI writes: injectable for tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** True when progress can be redrawn in place. */
  readonly interactive: boolean;
}

const TOKEN_PATTERN = /AQCLocal[0-9a-z]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * `run`: starts the runner on the assembly, runs one execution (printing its event history
 * and SNS notification) or `--count` executions (printing a progress line and a summary),
 * and returns the exit status: 0 when every execution ended as expected, else 1.
 */
export async function runCommand(options: CliOptions, io: CliIo): Promise<number> {
  const input = readInput(options.input);
  const expected = (options.expect ?? 'SUCCEEDED') as ExecutionStatus;
  // The alarms' periods run on the runner's time, as its metrics' timestamps do.
  let now: () => number = Date.now;
  const alarms = new LocalAlarms({ now: () => now() });
  const runner = await LocalRunner.start(
    alarms.instrument({
      assembly: options.app ?? defaultAssembly(),
      ...(options.stack !== undefined ? { stack: options.stack } : {}),
      functionConcurrency: options.functionConcurrency,
      // A one-shot that nobody answers by hand: its waits need not take real time.
      time: options.time ?? 'virtual',
      retainExecutions: 0,
      onBatch: (report) => {
        // As Lambda logs them: a failed invocation is always shown.
        if (!report.result.ok) {
          io.err(
            `[${report.functionName}] Invoke Error ${report.result.errorType}: ${report.result.errorMessage}`.replace(
              TOKEN_PATTERN,
              (token) => redactToken(token),
            ),
          );
        }
      },
      ...(options.verbose
        ? {
            onFunctionLog: (fn: string, line: string) =>
              io.err(`[${fn}] ${line.replace(TOKEN_PATTERN, (token) => redactToken(token))}`),
          }
        : {}),
    }),
  );
  now = () => runner.time.now();
  alarms.attach(runner);
  try {
    const start = options.stateMachine !== undefined ? { stateMachine: options.stateMachine } : {};
    if (options.count === 1) {
      const began = performance.now();
      const description = await runner.runExecution(input, start);
      const realMs = Math.round(performance.now() - began);
      const virtual = runner.time.mode === 'virtual';
      const evaluated = await alarms.evaluateSettled();
      if (options.json) {
        io.out(
          JSON.stringify(
            {
              ...(executionToJson(description, expected) as Record<string, unknown>),
              time: { mode: runner.time.mode, realMs },
              alarms: evaluated.map(alarmToJson),
            },
            null,
            2,
          ),
        );
      } else {
        const report = formatExecution(description, expected, virtual ? realMs : undefined);
        io.out(`${report}\n\n${formatAlarms(evaluated)}`);
      }
      return description.status === expected ? 0 : 1;
    }
    return await runMany(runner, alarms, input, start, expected, options, io);
  } finally {
    await runner.close();
  }
}

async function runMany(
  runner: LocalRunner,
  alarms: LocalAlarms,
  input: unknown,
  start: { stateMachine?: string },
  expected: ExecutionStatus,
  options: CliOptions,
  io: CliIo,
): Promise<number> {
  const total = options.count;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const unexpected: ExecutionDescription[] = [];
  let started = 0;
  let finished = 0;
  const began = performance.now();
  const progress = () => {
    const seconds = (performance.now() - began) / 1000;
    const rate = seconds > 0 ? finished / seconds : 0;
    const counts = Object.entries(statuses)
      .map(([status, n]) => `${status} ${n}`)
      .join('  ');
    return `${finished}/${total} executions  ${rate.toFixed(0)}/s  ${counts}`;
  };
  let lastReport = 0;
  const report = (force = false) => {
    if (options.json) return;
    const now = performance.now();
    if (!force && now - lastReport < (io.interactive ? 100 : 1000)) return;
    lastReport = now;
    if (io.interactive) io.err(`\r\x1b[2K${progress()}`);
    else io.err(progress());
  };
  const worker = async () => {
    while (started < total) {
      started += 1;
      const t0 = performance.now();
      const description = await runner.runExecution(input, start);
      latencies.push(performance.now() - t0);
      finished += 1;
      statuses[description.status] = (statuses[description.status] ?? 0) + 1;
      if (description.status !== expected && unexpected.length < 5) unexpected.push(description);
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, total) }, worker));
  report(true);
  if (io.interactive && !options.json) io.err('\n');
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const summary = {
    count: total,
    seconds: Number(seconds.toFixed(3)),
    executionsPerSecond: Number((total / seconds).toFixed(1)),
    expectedStatus: expected,
    statuses,
    asExpected: statuses[expected] === total,
    latencyMs: {
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p95: Number(percentile(latencies, 95).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
      max: Number((latencies.at(-1) ?? 0).toFixed(1)),
    },
    unexpected: unexpected.map((d) => ({
      executionArn: d.executionArn,
      status: d.status,
      error: d.error,
      cause: d.cause,
    })),
  };
  const evaluated = await alarms.evaluateSettled();
  if (options.json) {
    io.out(JSON.stringify({ ...summary, alarms: evaluated.map(alarmToJson) }, null, 2));
  } else {
    const lines = [
      `Ran ${total} executions in ${summary.seconds} s: ${summary.executionsPerSecond} executions/s`,
      `Statuses   ${Object.entries(statuses)
        .map(([status, n]) => `${status} ${n}`)
        .join(', ')} (expected ${expected})`,
      `Latency    p50 ${summary.latencyMs.p50} ms, p95 ${summary.latencyMs.p95} ms, p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms`,
    ];
    for (const d of summary.unexpected) {
      lines.push(
        `Unexpected ${d.executionArn}: ${d.status}${d.error ? ` ${d.error}` : ''}${d.cause ? `: ${d.cause}` : ''}`,
      );
    }
    io.out(`${lines.join('\n')}\n\n${formatAlarms(evaluated)}`);
  }
  return summary.asExpected ? 0 : 1;
}
