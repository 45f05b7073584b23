import { SFNClient } from '@aws-sdk/client-sfn';
import { redactToken } from '@sfn-callback/task-token';
import { FakeStepFunctions } from '@sfn-callback/test-support';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createJsonLogger, RetryableError, sqsCallbackHandler } from '../../src/index.js';
import { makeContext } from '../support/lambda-context.js';
import {
  makeCallbackRecord,
  makeFifoRecord,
  makeRecord,
  makeToken,
} from '../support/sqs-records.js';
import { sleep } from '../support/time.js';

let endpoint: FakeStepFunctions;
const logLines: string[] = [];
const logger = createJsonLogger({ level: 'debug', write: (line) => logLines.push(line) });

function sfnClient(url = endpoint.url, maxAttempts = 2): SFNClient {
  return new SFNClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    maxAttempts,
  });
}

const Order = z.object({ orderId: z.string(), amount: z.number() });

/** An SQS event as Lambda delivers it, with the tasks registered at the endpoint. */
function openTasks(...tokens: string[]) {
  for (const token of tokens) endpoint.openTask(token);
}

beforeAll(async () => {
  endpoint = await FakeStepFunctions.start();
});
afterAll(() => endpoint.stop());
beforeEach(() => {
  endpoint.reset();
  logLines.length = 0;
});
let linesChecked = 0;
// Every test's log lines (debug level: every outcome is logged) are checked for tokens:
// the test tokens all start with this prefix; the redacted form keeps only 6 characters.
afterEach(() => {
  linesChecked += logLines.length;
  expect(logLines.join('\n')).not.toMatch(/AQCEAAAAKgAAAAMAAAAAAAAAA[A-Za-z0-9+/]{20}/);
});
afterAll(() => {
  expect(linesChecked).toBeGreaterThan(10);
});

describe('the wrapped handler against a local Step Functions endpoint, through the real SDK', () => {
  it('answers each record of a batch over HTTP: success, failure, schema failure, poison', async () => {
    const [ok, rejected, badInput] = [makeToken(), makeToken(), makeToken()];
    openTasks(ok, rejected, badInput);
    const poison = makeRecord('{"TaskToken": truncated');
    const event: SQSEvent = {
      Records: [
        makeCallbackRecord(ok, { orderId: 'o-1', amount: 10 }),
        makeCallbackRecord(rejected, { orderId: 'o-2', amount: 5000 }),
        makeCallbackRecord(badInput, { orderId: 'o-3' }),
        poison,
      ],
    };
    const handler = sqsCallbackHandler(
      async (order) => {
        if (order.amount > 1000) throw new RangeError(`amount ${order.amount} over the limit`);
        return { approved: true, orderId: order.orderId };
      },
      { schema: Order, client: sfnClient(), logger },
    );

    const response = await handler(event, makeContext());

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: poison.messageId }] });
    expect(endpoint.tasks.get(ok)).toBe('succeeded');
    expect(endpoint.tasks.get(rejected)).toBe('failed');
    expect(endpoint.tasks.get(badInput)).toBe('failed');
    const byToken = new Map(endpoint.requests.map((request) => [request.body.taskToken, request]));
    expect(byToken.get(ok)).toEqual({
      operation: 'SendTaskSuccess',
      contentType: 'application/x-amz-json-1.0',
      body: { taskToken: ok, output: '{"approved":true,"orderId":"o-1"}' },
    });
    expect(byToken.get(rejected)?.body).toEqual({
      taskToken: rejected,
      error: 'RangeError',
      cause: 'amount 5000 over the limit',
    });
    expect(byToken.get(badInput)?.body).toMatchObject({ error: 'InvalidCallbackMessageError' });
    expect(endpoint.requests).toHaveLength(3);
  });

  it('a duplicate delivery gets TaskTimedOut from the service and is done ("already closed")', async () => {
    const token = makeToken();
    openTasks(token);
    const record = makeCallbackRecord(token, { orderId: 'o-1', amount: 1 });
    const handler = sqsCallbackHandler(async () => ({ approved: true }), {
      schema: Order,
      client: sfnClient(),
      logger,
    });
    expect(await handler({ Records: [record] }, makeContext())).toEqual({ batchItemFailures: [] });
    const again = { ...record, attributes: { ...record.attributes, ApproximateReceiveCount: '2' } };
    expect(await handler({ Records: [again] }, makeContext())).toEqual({ batchItemFailures: [] });
    expect(endpoint.requests.map((request) => request.operation)).toEqual([
      'SendTaskSuccess',
      'SendTaskSuccess',
    ]);
    const closed = logLines
      .map((line) => JSON.parse(line))
      .find((e) => e.reason === 'TaskTimedOut');
    expect(closed).toMatchObject({ level: 'INFO', token: redactToken(token) });
  });

  it('throttling that outlasts the SDK retries → batch item failure; the next delivery succeeds', async () => {
    const token = makeToken();
    openTasks(token);
    const throttled = { status: 400, errorType: 'ThrottlingException', message: 'Rate exceeded' };
    endpoint.script(token, throttled, throttled);
    const record = makeCallbackRecord(token, { orderId: 'o-1', amount: 1 });
    const handler = sqsCallbackHandler(async () => 'ok', {
      client: sfnClient(endpoint.url, 2),
      logger,
    });
    expect(await handler({ Records: [record] }, makeContext())).toEqual({
      batchItemFailures: [{ itemIdentifier: record.messageId }],
    });
    expect(endpoint.requests).toHaveLength(2);
    expect(await handler({ Records: [record] }, makeContext())).toEqual({ batchItemFailures: [] });
    expect(endpoint.tasks.get(token)).toBe('succeeded');
  });

  it('KmsThrottlingException is retried through the SDK strategy', async () => {
    const token = makeToken();
    openTasks(token);
    endpoint.script(token, { status: 400, errorType: 'KmsThrottlingException', message: 'KMS' });
    const handler = sqsCallbackHandler(async () => 'ok', {
      client: sfnClient(endpoint.url, 3),
      logger,
    });
    const response = await handler({ Records: [makeCallbackRecord(token, 1)] }, makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(endpoint.tasks.get(token)).toBe('succeeded');
  });

  it('a network failure (nothing listening) → batch item failure', async () => {
    const closed = await FakeStepFunctions.start();
    const url = closed.url;
    await closed.stop();
    const record = makeCallbackRecord(makeToken(), 1);
    const handler = sqsCallbackHandler(async () => 'ok', { client: sfnClient(url, 1), logger });
    expect(await handler({ Records: [record] }, makeContext())).toEqual({
      batchItemFailures: [{ itemIdentifier: record.messageId }],
    });
  });

  it('a retryable error makes no call; the task stays open for the redelivery', async () => {
    const token = makeToken();
    openTasks(token);
    const record = makeCallbackRecord(token, 1);
    let attempt = 0;
    const handler = sqsCallbackHandler(
      async () => {
        attempt += 1;
        if (attempt === 1) throw new RetryableError('downstream busy');
        return 'second time lucky';
      },
      { client: sfnClient(), logger },
    );
    expect((await handler({ Records: [record] }, makeContext())).batchItemFailures).toHaveLength(1);
    expect(endpoint.requests).toHaveLength(0);
    expect(await handler({ Records: [record] }, makeContext())).toEqual({ batchItemFailures: [] });
    expect(endpoint.tasks.get(token)).toBe('succeeded');
  });

  it('heartbeats go over HTTP while the function runs; a task timed out meanwhile aborts the signal', async () => {
    const token = makeToken();
    openTasks(token);
    let abortedWith: unknown;
    const handler = sqsCallbackHandler(
      async (_input, { signal }) => {
        // The task times out once a first heartbeat got through (not after a fixed delay: on
        // a loaded machine that first heartbeat may come late).
        while (endpoint.requests.length === 0) await sleep(10);
        endpoint.timeOut(token);
        await new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            abortedWith = signal.reason;
            reject(signal.reason);
          });
        });
      },
      { client: sfnClient(), logger, heartbeatIntervalSeconds: 0.05 },
    );
    const response = await handler({ Records: [makeCallbackRecord(token, 1)] }, makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    expect((abortedWith as Error).name).toBe('TaskClosedError');
    const operations = endpoint.requests.map((request) => request.operation);
    expect(operations.length).toBeGreaterThanOrEqual(2);
    expect(new Set(operations)).toEqual(new Set(['SendTaskHeartbeat']));
  });

  it('FIFO: a group stops at a record to redeliver, over HTTP', async () => {
    const tokens = [makeToken(), makeToken(), makeToken()];
    openTasks(...tokens);
    const records = [
      makeFifoRecord(tokens[0] as string, 'first', 'g'),
      makeFifoRecord(tokens[1] as string, 'second', 'g'),
      makeFifoRecord(tokens[2] as string, 'third', 'g'),
    ];
    endpoint.script(
      tokens[1] as string,
      {
        status: 500,
        errorType: 'ServiceUnavailable',
        message: 'down',
      },
      { status: 500, errorType: 'ServiceUnavailable', message: 'down' },
    );
    const handler = sqsCallbackHandler(async (input: string) => input, {
      client: sfnClient(endpoint.url, 2),
      logger,
    });
    const response = await handler({ Records: records }, makeContext());
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      records[1]?.messageId,
      records[2]?.messageId,
    ]);
    expect(endpoint.tasks.get(tokens[0] as string)).toBe('succeeded');
    expect(endpoint.tasks.get(tokens[2] as string)).toBe('open');
  });
});
