/**
 * The fault-injection run: many executions of the fault app and of the example app through
 * the local runner, with seeded faults on the Step Functions endpoint (a proxy), on the
 * queue (duplicate and late deliveries, poison messages) and in the worker (the scenarios),
 * then the invariants checked on counts taken from the runner, the queues, the endpoint and
 * the functions' logs.
 */
import type {
  BatchReport,
  ExecutionDescription,
  LocalQueue,
  LocalRunner,
} from '@sfn-callback/local';
import { LocalRunner as Runner } from '@sfn-callback/local';
import { TASK_TOKEN_MAX_LENGTH } from '@sfn-callback/task-token';
import { FaultProxy, type FaultRates, type ProxyCounts } from './fault-proxy.ts';
import { mulberry32, pickWeighted } from './prng.ts';
import { expectedEnd, FAULT_TIMING, type Scenario } from './scenarios.ts';
import { type SynthesizedApps, synthApps } from './synth.ts';
import { TokenScanner } from './token-scanner.ts';

/** What an execution of the fault app is asked to do; `bad-shape` is an input the schema refuses. */
export type PlanKind = Scenario | 'bad-shape';

/** Options of {@link runFaultInjection}. */
export interface FaultRunOptions {
  /** Seed of every random choice (plan, proxy faults, delays): the same seed replays the run. */
  readonly seed: number;
  /** Executions of the fault app. */
  readonly faultExecutions: number;
  /** Executions of the example app (plain success / failure, its real handler). */
  readonly exampleExecutions: number;
  /** Poison messages sent straight to the fault app's queue. */
  readonly poisonMessages: number;
  /** Share of callback messages delivered a second time, soon (0–500 ms later). */
  readonly duplicateShare: number;
  /** Share of callback messages delivered a second time after the visibility timeout. */
  readonly lateDuplicateShare: number;
  /** Faults of the endpoint proxy in front of the fault app's function. */
  readonly rates: FaultRates;
  /**
   * Faults of the proxy in front of the example app's function. Its queue's visibility
   * timeout is 180 s (6 × 30 s), so a call that still fails after the SDK's 3 attempts
   * makes its execution wait 3 minutes for the redelivery: lower rates keep runs short.
   */
  readonly exampleRates: FaultRates;
  /** Weights of the fault app's scenarios. */
  readonly weights: Readonly<Record<PlanKind, number>>;
  /** Share of the example app's executions asked to fail. */
  readonly exampleFailShare: number;
  /** Executions in flight per app. @default 128 */
  readonly concurrency?: number;
  /** Execution environments per function. @default 2 */
  readonly functionConcurrency?: number;
  /** Already synthesized apps; synthesized (and removed) by the run when absent. */
  readonly apps?: SynthesizedApps;
  readonly onProgress?: (line: string) => void;
}

/** Default options: the shares the issue asks for. */
export const DEFAULT_FAULTS: Omit<
  FaultRunOptions,
  'seed' | 'faultExecutions' | 'exampleExecutions'
> = {
  poisonMessages: 12,
  duplicateShare: 0.05,
  lateDuplicateShare: 0.03,
  rates: { throttle: 0.08, serverError: 0.04, lostResponse: 0.02, jitterMs: 20 },
  exampleRates: { throttle: 0.02, serverError: 0.01, lostResponse: 0.02, jitterMs: 20 },
  weights: {
    succeed: 40,
    fail: 12,
    'throw-string': 3,
    'retryable-once': 10,
    'retryable-forever': 1,
    'slow-heartbeat': 2,
    'timeout-mid-batch': 1,
    'hard-timeout': 0.5,
    'bad-shape': 2,
  },
  exampleFailShare: 0.3,
};

type Duplicate = 'none' | 'soon' | 'late';

interface PlannedExecution {
  readonly kind: PlanKind | 'example-succeed' | 'example-fail';
  readonly input: Record<string, unknown>;
  readonly expected: { status: string; error?: string };
  readonly duplicate: Duplicate;
  readonly duplicateDelayMs: number;
}

/** One execution as the run saw it end. */
export interface ExecutionResult {
  readonly app: 'fault' | 'example';
  /** Its place in the plan (the `seed` of its input). */
  readonly index: number;
  readonly kind: PlannedExecution['kind'];
  readonly duplicate: Duplicate;
  readonly expected: { status: string; error?: string };
  readonly status: string;
  readonly error?: string;
  readonly durationMs: number;
  /** TaskSucceeded / TaskFailed / TaskTimedOut events of the callback state. */
  readonly callbackEnds: number;
  /** Whether the callback task was closed by the worker (not by a timeout). */
  readonly closedByWorker: boolean;
  readonly timeoutMs: number;
}

/** Message counts of one app's worker queue. */
export interface MessageCounts {
  sentByStateMachine: number;
  sentDuplicates: number;
  sentPoison: number;
  /** Deleted by the event source mapping: the handler finished the record. */
  deleted: number;
  inDeadLetterQueue: number;
  /** Poison messages plus the never-ready ones (and their duplicates). */
  expectedInDeadLetterQueue: number;
  /** DLQ messages by what they were: `poison`, or the scenario of their execution. */
  deadLetterByKind: Record<string, number>;
  /**
   * DLQ messages other than poison and never-ready whose execution did not end as asked:
   * a message that still mattered was given up. Must be 0.
   */
  deadLetteredWhileNeeded: number;
  /** Still on the queue (visible, in flight or delayed) at the end. */
  leftOnQueue: number;
  batches: number;
  batchItemFailures: number;
  /** Invocations that failed as a whole (e.g. Sandbox.Timedout). */
  failedInvocations: number;
}

/** What one app's part of the run measured. */
export interface AppReport {
  readonly app: 'fault' | 'example';
  readonly executions: ExecutionResult[];
  readonly messages: MessageCounts;
  readonly proxy: ProxyCounts;
  readonly callbacks: Record<string, Record<string, number>>;
  /** Handler log lines by their message (one per record outcome). */
  readonly outcomes: Record<string, number>;
  readonly logLines: number;
  readonly openTasksAtEnd: number;
}

/** One row of the invariants table. */
export interface InvariantRow {
  readonly invariant: string;
  readonly figure: string;
  readonly ok: boolean;
}

/** The whole run. */
export interface FaultRunReport {
  readonly seed: number;
  readonly wallMs: number;
  readonly apps: AppReport[];
  readonly invariants: InvariantRow[];
  readonly tokensIssued: number;
  readonly textsScanned: number;
  readonly tokenLeaks: number;
  /** Token pieces in `text` (e.g. the formatted report itself), by the run's scanner. */
  readonly leaksIn: (text: string) => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poison bodies: not JSON, JSON not an object, no token, token not a string, token too long, empty. */
function poisonBody(index: number): string {
  switch (index % 6) {
    case 0:
      return `not json ${index}`;
    case 1:
      return `[${index}]`;
    case 2:
      return JSON.stringify({ Input: { scenario: 'succeed', seed: 'poison' } });
    case 3:
      return JSON.stringify({ TaskToken: index, Input: {} });
    case 4:
      return JSON.stringify({ TaskToken: 'A'.repeat(TASK_TOKEN_MAX_LENGTH + 1), Input: {} });
    default:
      return ' ';
  }
}

function plan(
  options: FaultRunOptions,
  random: () => number,
): {
  fault: PlannedExecution[];
  example: PlannedExecution[];
} {
  const duplicate = (): { duplicate: Duplicate; duplicateDelayMs: number } => {
    const r = random();
    const d = random();
    if (r < options.duplicateShare) return { duplicate: 'soon', duplicateDelayMs: d * 500 };
    if (r < options.duplicateShare + options.lateDuplicateShare)
      return {
        duplicate: 'late',
        duplicateDelayMs: FAULT_TIMING.visibilityTimeoutSeconds * 1000 + d * 2000,
      };
    return { duplicate: 'none', duplicateDelayMs: 0 };
  };
  const fault = Array.from({ length: options.faultExecutions }, (_, seed) => {
    const kind = pickWeighted(random, options.weights);
    const input: Record<string, unknown> =
      kind === 'bad-shape'
        ? seed % 2 === 0
          ? { scenario: 'no-such-scenario', seed }
          : { scenario: 'succeed', seed: `#${seed}`, seedNumber: seed }
        : { scenario: kind, seed };
    return { kind, input, expected: expectedEnd(input), ...duplicate() };
  });
  const example = Array.from({ length: options.exampleExecutions }, (_, seed) => {
    const fail = random() < options.exampleFailShare;
    return {
      kind: fail ? ('example-fail' as const) : ('example-succeed' as const),
      input: fail ? { seed, fail: true } : { seed },
      expected: fail ? { status: 'FAILED', error: 'ExampleWorkerError' } : { status: 'SUCCEEDED' },
      ...duplicate(),
    };
  });
  return { fault, example };
}

/** The seed of a callback message's input (the plan index), from its body. */
function seedOf(body: string): number | undefined {
  try {
    const input = (JSON.parse(body) as { Input?: { seed?: unknown; seedNumber?: unknown } }).Input;
    const seed = input?.seedNumber ?? input?.seed;
    return typeof seed === 'number' ? seed : undefined;
  } catch {
    return undefined;
  }
}

function callbackEvents(execution: ExecutionDescription) {
  return execution.events.filter((event) => {
    const details =
      event.taskSucceededEventDetails ??
      event.taskFailedEventDetails ??
      event.taskTimedOutEventDetails;
    return details?.resource?.includes('waitForTaskToken') === true;
  });
}

async function runApp(
  app: 'fault' | 'example',
  assembly: string,
  planned: PlannedExecution[],
  options: FaultRunOptions,
  seed: number,
  scanner: TokenScanner,
): Promise<AppReport> {
  const random = mulberry32(seed);
  const proxy = new FaultProxy(
    seed ^ 0x5eed,
    app === 'fault' ? options.rates : options.exampleRates,
  );
  await proxy.listen();
  const outcomes: Record<string, number> = {};
  let logLines = 0;
  const batches: BatchReport[] = [];
  const runner: LocalRunner = await Runner.start({
    assembly,
    functionEndpointUrl: proxy.url,
    functionConcurrency: options.functionConcurrency ?? 2,
    retainExecutions: 10,
    onFunctionLog: (_fn, line) => {
      logLines += 1;
      scanner.scan(line);
      try {
        const message = (JSON.parse(line) as { message?: unknown }).message;
        const key = typeof message === 'string' ? message : '(other)';
        outcomes[key] = (outcomes[key] ?? 0) + 1;
      } catch {
        outcomes['(not JSON)'] = (outcomes['(not JSON)'] ?? 0) + 1;
      }
    },
    onBatch: (report) => batches.push(report),
  });
  proxy.target = runner.endpointUrl;
  const mapping = runner.model.eventSourceMappings[0];
  const queue = [...runner.queues.values()].find((q) => q.spec.arn === mapping?.queueArn);
  const dlq = [...runner.queues.values()].find(
    (q) => q.spec.arn === queue?.spec.redrivePolicy?.deadLetterTargetArn,
  );
  if (!queue || !dlq) throw new Error(`${app}: no worker queue with a dead-letter queue`);

  const messages: MessageCounts = {
    sentByStateMachine: 0,
    sentDuplicates: 0,
    sentPoison: 0,
    deleted: 0,
    inDeadLetterQueue: 0,
    expectedInDeadLetterQueue: 0,
    deadLetterByKind: {},
    deadLetteredWhileNeeded: 0,
    leftOnQueue: 0,
    batches: 0,
    batchItemFailures: 0,
    failedInvocations: 0,
  };
  const pendingDuplicates = new Set<NodeJS.Timeout>();
  const send = queue.send.bind(queue) as LocalQueue['send'];
  // Every message the state machine sends goes through here: counted, and for the planned
  // share, delivered a second time (soon, or after the visibility timeout).
  queue.send = (input) => {
    messages.sentByStateMachine += 1;
    const output = send(input);
    const seedOfInput = seedOf(input.MessageBody);
    const entry = seedOfInput === undefined ? undefined : planned[seedOfInput];
    if (entry && entry.duplicate !== 'none') {
      const timer = setTimeout(() => {
        pendingDuplicates.delete(timer);
        messages.sentDuplicates += 1;
        send(input);
      }, entry.duplicateDelayMs);
      pendingDuplicates.add(timer);
    }
    return output;
  };

  if (app === 'fault') {
    for (let index = 0; index < options.poisonMessages; index++) {
      messages.sentPoison += 1;
      send({ MessageBody: poisonBody(index) });
    }
  }

  const executions: ExecutionResult[] = [];
  const timeoutMs = (app === 'fault' ? FAULT_TIMING.timeoutSeconds : 900) * 1000;
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < planned.length) {
      const index = next++;
      const entry = planned[index] as PlannedExecution;
      // Seeded latency between starts, so arrivals are not all in lockstep.
      if (random() < 0.1) await sleep(random() * 5);
      const description = await runner.runExecution(entry.input);
      for (const token of description.taskTokens) scanner.addToken(token);
      const ends = callbackEvents(description);
      executions.push({
        app,
        index,
        kind: entry.kind,
        duplicate: entry.duplicate,
        expected: entry.expected,
        status: description.status,
        ...(description.error !== undefined ? { error: description.error } : {}),
        durationMs:
          (description.stopDate?.getTime() ?? Date.now()) - description.startDate.getTime(),
        callbackEnds: ends.length,
        closedByWorker: ends.some((e) => e.type !== 'TaskTimedOut'),
        timeoutMs,
      });
      // Everything an execution shows but the message it sent (which holds the token, as on AWS).
      scanner.scan(description.error ?? '');
      scanner.scan(description.cause ?? '');
      scanner.scan(description.output ?? '');
      for (const event of description.events) {
        if (event.type === 'TaskScheduled') continue;
        scanner.scan(JSON.stringify(event));
      }
      for (const notification of description.notifications) scanner.scan(notification.message);
      if (executions.length % 250 === 0)
        options.onProgress?.(
          `${app}: ${executions.length}/${planned.length} executions ended (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 128 }, worker));

  // Drain: late duplicates, redeliveries and redrives still to come.
  const drainDeadline =
    Date.now() +
    (FAULT_TIMING.maxReceiveCount + 2) * FAULT_TIMING.visibilityTimeoutSeconds * 1000 +
    5000;
  const pending = () =>
    queue.visibleCount + queue.inFlightCount + queue.delayedCount + pendingDuplicates.size;
  while (pending() > 0 && Date.now() < drainDeadline) await sleep(200);
  await runner.idle();
  for (const timer of pendingDuplicates) clearTimeout(timer);

  for (const report of batches) {
    messages.batches += 1;
    messages.deleted += report.deleted;
    messages.batchItemFailures += report.failed;
    if (!report.result.ok) messages.failedInvocations += 1;
  }
  messages.inDeadLetterQueue = dlq.visibleCount;
  messages.leftOnQueue = queue.visibleCount + queue.inFlightCount + queue.delayedCount;
  const forever = planned.filter((p) => p.kind === 'retryable-forever');
  messages.expectedInDeadLetterQueue =
    messages.sentPoison + forever.length + forever.filter((p) => p.duplicate !== 'none').length;
  const bySeed = new Map(executions.map((e) => [e.index, e]));
  for (const message of dlq.peek()) {
    const index = seedOf(message.body);
    const kind = index === undefined ? 'poison' : (planned[index]?.kind ?? 'unknown');
    messages.deadLetterByKind[kind] = (messages.deadLetterByKind[kind] ?? 0) + 1;
    if (kind === 'poison' || kind === 'retryable-forever') continue;
    const execution = index === undefined ? undefined : bySeed.get(index);
    if (!execution || !endedAsAsked(execution)) messages.deadLetteredWhileNeeded += 1;
  }
  const report: AppReport = {
    app,
    executions,
    messages,
    proxy: { ...proxy.counts },
    callbacks: structuredClone(runner.callbacks.byOperation),
    outcomes,
    logLines,
    openTasksAtEnd: runner.openTaskCount,
  };
  await runner.close();
  await proxy.close();
  return report;
}

const SLACK_MS = 1500;

/** Whether an execution ended with the status (and error) its input asked for. */
export function endedAsAsked(e: ExecutionResult): boolean {
  return (
    e.status === e.expected.status &&
    (e.expected.error === undefined || e.error === e.expected.error)
  );
}

function invariants(apps: AppReport[], scanner: TokenScanner): InvariantRow[] {
  const all = apps.flatMap((a) => a.executions);
  const planned = all.length;
  const wrong = all.filter((e) => !endedAsAsked(e));
  const rows: InvariantRow[] = [
    {
      invariant: 'every execution ended, as its input asked (status and error)',
      figure: `${planned - wrong.length} / ${planned} as asked; ${all.filter((e) => e.status === 'RUNNING').length} running`,
      ok: wrong.length === 0,
    },
  ];
  for (const app of apps) {
    const m = app.messages;
    const sent = m.sentByStateMachine + m.sentDuplicates + m.sentPoison;
    const lost = sent - m.deleted - m.inDeadLetterQueue - m.leftOnQueue;
    rows.push({
      invariant: `${app.app} app: sent = processed + in DLQ, none lost`,
      figure: `${sent} sent (${m.sentByStateMachine} by the state machine + ${m.sentDuplicates} duplicates + ${m.sentPoison} poison) = ${m.deleted} processed + ${m.inDeadLetterQueue} in DLQ; ${m.leftOnQueue} left, ${lost} lost`,
      ok: lost === 0 && m.leftOnQueue === 0,
    });
    rows.push({
      invariant: `${app.app} app: every poison and never-ready message is in the DLQ; nothing else there was still needed`,
      figure: `${m.inDeadLetterQueue} in DLQ (${
        Object.entries(m.deadLetterByKind)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ') || 'none'
      }), ${m.expectedInDeadLetterQueue} poison or never-ready expected; ${m.deadLetteredWhileNeeded} of a task still open`,
      ok:
        (m.deadLetterByKind.poison ?? 0) === m.sentPoison &&
        (m.deadLetterByKind.poison ?? 0) + (m.deadLetterByKind['retryable-forever'] ?? 0) ===
          m.expectedInDeadLetterQueue &&
        m.deadLetteredWhileNeeded === 0,
    });
    const ok = (op: string) => app.callbacks[op]?.ok ?? 0;
    const answered = ok('SendTaskSuccess') + ok('SendTaskFailure');
    const closedByWorker = app.executions.filter((e) => e.closedByWorker).length;
    rows.push({
      invariant: `${app.app} app: no task completed twice`,
      figure: `${answered} SendTaskSuccess/Failure accepted for ${closedByWorker} tasks closed by the worker; ${app.executions.filter((e) => e.callbackEnds !== 1).length} executions with ≠ 1 callback end; ${app.openTasksAtEnd} tasks open at the end`,
      ok:
        answered === closedByWorker &&
        app.executions.every((e) => e.callbackEnds === 1) &&
        app.openTasksAtEnd === 0,
    });
  }
  const late = all.filter((e) => e.durationMs > e.timeoutMs + SLACK_MS);
  const longest = apps
    .map(
      (a) =>
        `${a.app}: longest ${Math.max(0, ...a.executions.map((e) => e.durationMs))} ms (task timeout ${(a.executions[0]?.timeoutMs ?? 0) / 1000} s)`,
    )
    .join('; ');
  // AWS (and local) end a missed heartbeat with States.Timeout, as a task timeout: tell them
  // apart by duration.
  const heartbeatEnds = all.filter(
    (e) => e.error === 'States.Timeout' && e.durationMs < e.timeoutMs,
  );
  const lateHeartbeat = heartbeatEnds.filter(
    (e) => e.durationMs > FAULT_TIMING.heartbeatSeconds * 1000 + SLACK_MS,
  );
  rows.push({
    invariant: 'no execution waited past its timeout',
    figure: `${longest}; heartbeat timeouts ended within ${Math.max(0, ...heartbeatEnds.map((e) => e.durationMs))} ms (heartbeat ${FAULT_TIMING.heartbeatSeconds} s)`,
    ok: late.length === 0 && lateHeartbeat.length === 0,
  });
  rows.push({
    invariant: 'no log line, error, cause, output, event or notification contains a token',
    figure: `${scanner.tokenCount} tokens issued, ${scanner.textCount} texts scanned (${(scanner.charCount / 1e6).toFixed(1)} M chars), ${scanner.leaks} leaks`,
    ok: scanner.leaks === 0 && scanner.tokenCount >= planned,
  });
  return rows;
}

/**
 * Runs the fault-injection run and checks its invariants. The same options and seed replay
 * the same plan and the same sequence of proxy faults (timing still varies a little).
 */
export async function runFaultInjection(options: FaultRunOptions): Promise<FaultRunReport> {
  const wallStart = Date.now();
  const apps = options.apps ?? synthApps();
  const random = mulberry32(options.seed);
  const { fault, example } = plan(options, random);
  const scanner = new TokenScanner();
  try {
    const reports = await Promise.all([
      runApp('fault', apps.faultAssembly, fault, options, options.seed + 1, scanner),
      runApp('example', apps.exampleAssembly, example, options, options.seed + 2, scanner),
    ]);
    scanner.finish();
    return {
      seed: options.seed,
      wallMs: Date.now() - wallStart,
      apps: reports,
      invariants: invariants(reports, scanner),
      tokensIssued: scanner.tokenCount,
      textsScanned: scanner.textCount,
      tokenLeaks: scanner.leaks,
      leaksIn: (text) => scanner.leaksIn(text),
    };
  } finally {
    if (!options.apps) apps.remove();
  }
}
