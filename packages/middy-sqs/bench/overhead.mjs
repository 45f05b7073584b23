// Per-record overhead of the wrapper with the SDK stubbed (client.send answers at once),
// against a plain `for` loop calling the same stubbed SDK for each record. Both parse the
// body, run the same user function and send SendTaskSuccess with the JSON output.
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { parseCallbackMessage, TaskTokenClient } from '@sfn-callback/task-token';
import { sqsCallbackHandler } from '../dist/index.js';
import { makeContext, makeEvent, median } from './shared.mjs';

export async function measureOverhead({ batchSize = 10, batches = 4000, rounds = 10 } = {}) {
  const client = new SFNClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  client.send = async () => ({ $metadata: {} });

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
  const wrapped = sqsCallbackHandler(work, { client });
  // The same loop through @sfn-callback/task-token's parser and client, to show which part
  // of the overhead is theirs and which the wrapper's.
  const tasks = new TaskTokenClient({ client });
  const taskTokenLoop = async (event) => {
    for (const record of event.Records) {
      const parsed = parseCallbackMessage(record.body);
      await tasks.succeed(parsed.token, await work(parsed.input));
    }
    return { batchItemFailures: [] };
  };

  const events = Array.from({ length: 64 }, () => makeEvent(batchSize));
  const context = makeContext();
  const time = async (handler, count) => {
    const samples = new Array(count);
    for (let i = 0; i < count; i++) {
      const event = events[i & 63];
      const start = process.hrtime.bigint();
      await handler(event, context);
      samples[i] = Number(process.hrtime.bigint() - start);
    }
    return samples;
  };
  // Warm up both (JIT), then alternate rounds so drift affects both alike.
  await time(baseline, 2000);
  await time(wrapped, 2000);
  await time(taskTokenLoop, 2000);
  const base = [];
  const ours = [];
  const viaTaskToken = [];
  for (let round = 0; round < rounds; round++) {
    base.push(...(await time(baseline, batches / rounds)));
    ours.push(...(await time(wrapped, batches / rounds)));
    viaTaskToken.push(...(await time(taskTokenLoop, batches / rounds)));
  }
  const baseMedian = median(base);
  const oursMedian = median(ours);
  const taskTokenMedian = median(viaTaskToken);
  return {
    batchSize,
    batches,
    baselineUsPerRecord: baseMedian / batchSize / 1000,
    wrappedUsPerRecord: oursMedian / batchSize / 1000,
    overheadUsPerRecord: (oursMedian - baseMedian) / batchSize / 1000,
    taskTokenLoopUsPerRecord: taskTokenMedian / batchSize / 1000,
    taskTokenShareUsPerRecord: (taskTokenMedian - baseMedian) / batchSize / 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const batchSize of [10, 100]) console.log(await measureOverhead({ batchSize }));
}
