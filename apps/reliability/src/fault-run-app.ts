/**
 * One app's part of a fault-injection run: the local runner on its assembly behind a
 * fault proxy, the planned executions run, duplicates and poison messages sent, the queues
 * drained, and the counts collected into an {@link AppReport}.
 */
import type {
  BatchReport,
  ExecutionDescription,
  LocalQueue,
  LocalRunner,
} from '@sfn-callback/local';
import { LocalRunner as Runner } from '@sfn-callback/local';
import { endedAsAsked } from './fault-invariants.ts';
import { poisonBody, seedOf } from './fault-plan.ts';
import { FaultProxy } from './fault-proxy.ts';
import type {
  AppReport,
  ExecutionResult,
  FaultRunOptions,
  MessageCounts,
  PlannedExecution,
} from './fault-run-types.ts';
import { mulberry32 } from './prng.ts';
import { FAULT_TIMING } from './scenarios.ts';
import type { TokenScanner } from './token-scanner.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function callbackEvents(execution: ExecutionDescription) {
  return execution.events.filter((event) => {
    const details =
      event.taskSucceededEventDetails ??
      event.taskFailedEventDetails ??
      event.taskTimedOutEventDetails;
    return details?.resource?.includes('waitForTaskToken') === true;
  });
}

/** Runs one app's planned executions under faults and reports what happened. */
export async function runApp(
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
        const entry = JSON.parse(line) as { message?: unknown; _aws?: unknown };
        // The wrapper's outcome metrics: one EMF document per invocation, not a log message.
        const key =
          typeof entry.message === 'string'
            ? entry.message
            : entry._aws !== undefined
              ? '(outcome-metrics document)'
              : '(other)';
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
