// Per-record overhead of the wrapper with the SDK stubbed (client.send answers at once),
// against a plain `for` loop calling the same stubbed SDK for each record. Both parse the
// body, run the same user function and send SendTaskSuccess with the JSON output. The
// wrapper runs twice: with its outcome metrics off, and on (the default: one EMF document
// per invocation, the execution and state of each record in it; written to a no-op sink so
// the figure is the wrapper's work, not the terminal's). The bodies carry the whole
// envelope, ExecutionArn and StateName included. The wrapper's client is the one it builds
// by default (as the README's handler and the construct's worker have it: its KMS
// throttling middleware added once, to its own SFNClient), with that SFNClient's `send`
// stubbed the same way.
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { parseCallbackMessage, TaskTokenClient } from '@sfn-callback/task-token';
import { sqsCallbackHandler } from '../dist/index.js';
import { makeCallbackEvent, makeContext, median } from './shared.mjs';

export async function measureOverhead({ batchSize = 10, batches = 6000 } = {}) {
  const clientConfig = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  };
  const client = new SFNClient(clientConfig);
  const answer = async () => ({ $metadata: {} });
  client.send = answer;
  const ownClient = () => {
    const tasks = new TaskTokenClient({ clientConfig });
    tasks.sfn.send = answer;
    return tasks;
  };

  const work = async (input) => ({ approved: input.amount < 1000 });

  // Baseline: what a careful hand-written loop does (one call per record, sequential).
  const baseline = async (event) => {
    for (const record of event.Records) {
      const { TaskToken, Input } = JSON.parse(record.body);
      const output = await work(Input);
      await client.send(
        new SendTaskSuccessCommand({ taskToken: TaskToken, output: JSON.stringify(output) }),
      );
    }
    return { batchItemFailures: [] };
  };
  const wrapped = sqsCallbackHandler(work, { client: ownClient(), metrics: false });
  let documents = 0;
  const wrappedWithMetrics = sqsCallbackHandler(work, {
    client: ownClient(),
    metrics: { write: () => documents++ },
  });
  // The same loop through @sfn-callback/task-token's parser and client, to show which part
  // of the overhead is theirs and which the wrapper's.
  const tasks = ownClient();
  const taskTokenLoop = async (event) => {
    for (const record of event.Records) {
      const parsed = parseCallbackMessage(record.body);
      await tasks.succeed(parsed.token, await work(parsed.input));
    }
    return { batchItemFailures: [] };
  };

  const events = Array.from({ length: 64 }, () => makeCallbackEvent(batchSize));
  const context = makeContext();
  const handlers = [baseline, wrapped, taskTokenLoop, wrappedWithMetrics];
  const samples = handlers.map(() => []);
  // Each iteration runs one batch through each handler in turn (the order rotating, so none
  // always finds the batch's data warm in the caches), so the three see the same machine
  // load; warm-up iterations (JIT) are discarded.
  const warmup = 2000;
  for (let i = 0; i < warmup + batches; i++) {
    const event = events[i & 63];
    for (let k = 0; k < handlers.length; k++) {
      const h = (i + k) % handlers.length;
      const start = process.hrtime.bigint();
      await handlers[h](event, context);
      if (i >= warmup) samples[h].push(Number(process.hrtime.bigint() - start));
    }
  }
  const [base, ours, viaTaskToken, withMetrics] = samples;
  if (documents < batches) throw new Error(`only ${documents} metrics documents were written`);
  const baseMedian = median(base);
  const oursMedian = median(ours);
  const taskTokenMedian = median(viaTaskToken);
  // The median of the per-iteration differences is the figure least moved by other jobs.
  const pairedOverhead = median(ours.map((t, i) => t - base[i]));
  return {
    batchSize,
    batches,
    baselineUsPerRecord: baseMedian / batchSize / 1000,
    wrappedUsPerRecord: oursMedian / batchSize / 1000,
    overheadUsPerRecord: pairedOverhead / batchSize / 1000,
    taskTokenLoopUsPerRecord: taskTokenMedian / batchSize / 1000,
    taskTokenShareUsPerRecord: median(viaTaskToken.map((t, i) => t - base[i])) / batchSize / 1000,
    withMetricsUsPerRecord: median(withMetrics) / batchSize / 1000,
    withMetricsOverheadUsPerRecord:
      median(withMetrics.map((t, i) => t - base[i])) / batchSize / 1000,
    metricsShareUsPerRecord: median(withMetrics.map((t, i) => t - ours[i])) / batchSize / 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const batchSize of [10, 100]) console.log(await measureOverhead({ batchSize }));
}
