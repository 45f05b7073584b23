// Batch throughput against a local Step Functions endpoint that answers after 10 ms, over
// HTTP through the real SDK: the wrapper (concurrency 10) against the ideal
// min(batch, concurrency) / latency and against the AWS sample's sequential loop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { sqsCallbackHandler } from '../dist/index.js';
import { makeCallbackEvent, makeContext } from './shared.mjs';

async function startEndpoint(latencyMs) {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./endpoint-server.mjs', import.meta.url)), String(latencyMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = await once(child.stdout, 'data');
  const { url } = JSON.parse(String(chunk));
  return { url, stop: () => child.kill('SIGTERM') };
}

export async function measureThroughput({
  latencyMs = 10,
  concurrency = 10,
  batchSizes = [10, 100],
} = {}) {
  const endpoint = await startEndpoint(latencyMs);
  try {
    const client = new SFNClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    });
    const work = async (input) => ({ approved: input.amount < 1000 });
    // Metrics on, as by default, into a no-op sink instead of the terminal.
    const wrapped = sqsCallbackHandler(work, { client, concurrency, metrics: { write: () => {} } });
    // The AWS sample's loop, fixed to await each call (it is sequential, one call at a time).
    const sequential = async (event) => {
      for (const record of event.Records) {
        const { TaskToken, Input } = JSON.parse(record.body);
        await client.send(
          new SendTaskSuccessCommand({
            taskToken: TaskToken,
            output: JSON.stringify(await work(Input)),
          }),
        );
      }
    };
    // The ceiling the SDK itself allows: the same calls, `concurrency` at a time, nothing else.
    const sdkOnly = async (event) => {
      const records = event.Records;
      let next = 0;
      const worker = async () => {
        while (next < records.length) {
          const { TaskToken, Input } = JSON.parse(records[next++].body);
          await client.send(
            new SendTaskSuccessCommand({
              taskToken: TaskToken,
              output: JSON.stringify(await work(Input)),
            }),
          );
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, records.length) }, worker));
    };
    const run = async (handler, batchSize, records) => {
      const batches = Math.max(1, Math.round(records / batchSize));
      const events = Array.from({ length: batches }, () => makeCallbackEvent(batchSize));
      await handler(makeCallbackEvent(batchSize), makeContext()); // warm sockets and JIT
      const start = performance.now();
      for (const event of events) {
        const response = await handler(event, makeContext());
        if (response && response.batchItemFailures.length > 0) {
          throw new Error(`benchmark batch had failures: ${JSON.stringify(response)}`);
        }
      }
      const seconds = (performance.now() - start) / 1000;
      return (batches * batchSize) / seconds;
    };
    const results = [];
    for (const batchSize of batchSizes) {
      const ideal = Math.min(batchSize, concurrency) / (latencyMs / 1000);
      const sdkOnlyRate = await run(sdkOnly, batchSize, 2000);
      const wrappedRate = await run(wrapped, batchSize, 2000);
      const sequentialRate = await run(sequential, batchSize, 200);
      results.push({
        batchSize,
        concurrency,
        latencyMs,
        idealPerSecond: ideal,
        wrappedPerSecond: wrappedRate,
        sequentialPerSecond: sequentialRate,
        sdkOnlyPerSecond: sdkOnlyRate,
        ofIdeal: wrappedRate / ideal,
        sdkOnlyOfIdeal: sdkOnlyRate / ideal,
        vsSdkOnly: wrappedRate / sdkOnlyRate,
        vsSequential: wrappedRate / sequentialRate,
      });
    }
    client.destroy();
    return results;
  } finally {
    endpoint.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await measureThroughput());
}
