import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalRunner } from '@sfn-callback/local';

/** What {@link runHandlerMemory} measured: heap after forced GC, every `sampleEvery` executions. */
export interface HandlerMemoryReport {
  readonly executions: number;
  readonly samples: { executions: number; heapMB: number; resources: number }[];
  readonly statuses: Record<string, number>;
  readonly batchItemFailures: number;
  /** Invocations of the handler, and the outcome-metrics (EMF) documents it wrote on stdout. */
  readonly invocations: number;
  readonly metricsDocuments: number;
}

const round = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/**
 * The example's real handler bundle, loaded **in this thread** (where GC can be forced, unlike
 * in the runner's worker threads), invoked with SQS events built from the messages the
 * runner's state machine sent, answering over HTTP to the runner's endpoint with the real SDK.
 * Measures the handler's own retention: the runner runs without workers.
 */
export async function runHandlerMemory(options: {
  readonly assembly: string;
  readonly executions: number;
  readonly sampleEvery: number;
  readonly batchSize?: number;
}): Promise<HandlerMemoryReport> {
  const runner = await LocalRunner.start({ assembly: options.assembly, workers: false });
  const gc = (globalThis as { gc?: () => void }).gc;
  const saved = { ...process.env };
  // The handler writes one outcome-metrics (EMF) document per invocation on stdout, where this
  // bench prints its report: they are counted instead of printed.
  const write = process.stdout.write;
  let metricsDocuments = 0;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && chunk.startsWith('{"_aws":')) {
      metricsDocuments += 1;
      return true;
    }
    return (write as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    const fn = [...runner.functions.values()][0];
    const queue = [...runner.queues.values()].find((q) => !q.spec.name.includes('DeadLetter'));
    if (!fn || !queue) throw new Error('the app has no function or no queue');
    // The function's own environment (endpoint, region, dummy credentials), as the runner gives it.
    Object.assign(process.env, fn.environment);
    // Its log lines (one per failed task at warn) would go to this process's stdout.
    process.env.AWS_LAMBDA_LOG_LEVEL = 'ERROR';
    const [file, exportName] = fn.spec.handler.split('.') as [string, string];
    const module = (await import(
      pathToFileURL(join(fn.spec.codeDirectory, `${file}.mjs`)).href
    )) as Record<
      string,
      (event: unknown, context: unknown) => Promise<{ batchItemFailures: unknown[] }>
    >;
    const handler = module[exportName];
    if (!handler) throw new Error(`no export ${exportName}`);
    const context = () => {
      const deadline = Date.now() + 30_000;
      return {
        awsRequestId: 'local',
        functionName: fn.spec.name,
        getRemainingTimeInMillis: () => deadline - Date.now(),
      };
    };
    const statuses: Record<string, number> = {};
    const samples: HandlerMemoryReport['samples'] = [];
    let batchItemFailures = 0;
    let invocations = 0;
    const sample = async (executions: number) => {
      for (let i = 0; i < 3; i++) {
        gc?.();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      samples.push({
        executions,
        heapMB: round(process.memoryUsage().heapUsed),
        resources: process.getActiveResourcesInfo().length,
      });
    };
    await sample(0);
    const batchSize = options.batchSize ?? 10;
    for (let done = 0; done < options.executions; ) {
      const count = Math.min(options.sampleEvery, options.executions - done);
      const running = Array.from({ length: count }, (_, i) =>
        runner.startExecution((done + i) % 10 < 3 ? { fail: true } : {}),
      );
      // Deliver what the state machines sent, in batches, until every execution ended.
      while (running.some((e) => e.status === 'RUNNING')) {
        const messages = queue.receive(batchSize);
        if (messages.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        const response = await handler(
          {
            Records: messages.map((m) => ({
              messageId: m.messageId,
              receiptHandle: m.receiptHandle,
              body: m.body,
              attributes: { ApproximateReceiveCount: String(m.receiveCount) },
              messageAttributes: {},
              md5OfBody: m.md5OfBody,
              eventSource: 'aws:sqs',
              eventSourceARN: queue.spec.arn,
              awsRegion: 'us-east-1',
            })),
          },
          context(),
        );
        invocations += 1;
        batchItemFailures += response.batchItemFailures.length;
        for (const m of messages) if (m.receiptHandle) queue.delete(m.receiptHandle);
      }
      for (const e of running) {
        const { status } = await e.done;
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
      done += count;
      await sample(done);
    }
    return {
      executions: options.executions,
      samples,
      statuses,
      batchItemFailures,
      invocations,
      metricsDocuments,
    };
  } finally {
    process.stdout.write = write;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await runner.close();
  }
}
