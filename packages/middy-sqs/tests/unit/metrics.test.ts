import { Metrics } from '@aws-lambda-powertools/metrics';
import { SendTaskHeartbeatCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type MetricsPublisher,
  RetryableError,
  silentLogger,
  sqsCallbackHandler,
} from '../../src/index.js';
import { makeContext } from '../support/lambda-context.js';
import { captureLogger } from '../support/log-capture.js';
import { makeCallbackRecord, makeEvent, makeRecord, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions, serviceError } from '../support/step-functions-mock.js';

const { client: sfn, mock: sfnMock } = mockStepFunctions();

const NOW = 1_764_150_000_000;
const ARN = 'arn:aws:states:us-east-1:123456789012:execution:Machine:run-';
const STATE = 'Start Task And Wait For Callback';

/** A record with the full envelope, sent `ageMs` before NOW. */
function correlated(token: string, input: unknown, run: number, ageMs = 250) {
  return makeRecord(
    JSON.stringify({
      TaskToken: token,
      Input: input,
      ExecutionArn: `${ARN}${run}`,
      StateName: STATE,
    }),
    {
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(NOW - ageMs),
        SenderId: 'AROAEXAMPLE:states',
        ApproximateFirstReceiveTimestamp: String(NOW - ageMs + 1),
      },
    },
  );
}

function capture() {
  const lines: string[] = [];
  return {
    lines,
    write: (line: string) => lines.push(line),
    docs: () => lines.map((l) => JSON.parse(l)),
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('outcome metrics in Embedded Metric Format', () => {
  it('one document per invocation: a count per outcome, the latency, the correlation, no token', async () => {
    sfnMock.on(SendTaskSuccessCommand).callsFake(async ({ output }) => {
      if (output === '"closed"') throw serviceError('TaskTimedOut');
      if (output === '"throttled"') throw serviceError('ThrottlingException');
      return {};
    });
    const tokens = Array.from({ length: 6 }, makeToken);
    const records = [
      correlated(tokens[0] as string, 'ok', 0, 100),
      correlated(tokens[1] as string, 'ok', 1, 300),
      correlated(tokens[2] as string, 'throw', 2, 200),
      correlated(tokens[3] as string, 'closed', 3),
      correlated(tokens[4] as string, 'throttled', 4),
      correlated(tokens[5] as string, 'retry', 5),
      makeRecord('not json'),
    ];
    const out = capture();
    const handler = sqsCallbackHandler(
      async (input: string) => {
        if (input === 'throw') throw new Error('no');
        if (input === 'retry') throw new RetryableError('later');
        return input;
      },
      { client: sfn, logger: silentLogger, metrics: { write: out.write, service: 'worker-fn' } },
    );
    await handler(makeEvent(records), makeContext());

    expect(out.lines).toHaveLength(1);
    const [doc] = out.docs();
    expect(doc._aws).toEqual({
      Timestamp: NOW,
      CloudWatchMetrics: [
        {
          Namespace: 'SfnCallback',
          Dimensions: [['Service']],
          Metrics: [
            { Name: 'CallbackSucceeded', Unit: 'Count' },
            { Name: 'CallbackFailed', Unit: 'Count' },
            { Name: 'CallbackRetried', Unit: 'Count' },
            { Name: 'CallbackAlreadyClosed', Unit: 'Count' },
            { Name: 'PoisonMessages', Unit: 'Count' },
            { Name: 'DeferredByTimeGuard', Unit: 'Count' },
            { Name: 'HeartbeatFailures', Unit: 'Count' },
            { Name: 'CallbackLatency', Unit: 'Milliseconds' },
          ],
        },
      ],
    });
    expect(doc).toMatchObject({
      Service: 'worker-fn',
      CallbackSucceeded: 2,
      CallbackFailed: 1,
      CallbackRetried: 2, // throttled answer + retryable error
      CallbackAlreadyClosed: 1,
      PoisonMessages: 1,
      DeferredByTimeGuard: 0,
      HeartbeatFailures: 0,
    });
    // Latency of the answered records only (succeeded and failed), from SentTimestamp.
    expect([...doc.CallbackLatency].sort((a: number, b: number) => a - b)).toEqual([100, 200, 300]);
    // The records that did not succeed are named (the succeeded ones are only counted).
    expect(doc.records.map((r: { outcome: string }) => r.outcome).sort()).toEqual([
      'CallbackAlreadyClosed',
      'CallbackFailed',
      'CallbackRetried',
      'CallbackRetried',
    ]);
    expect(doc.records).toContainEqual({
      messageId: records[3]?.messageId,
      outcome: 'CallbackAlreadyClosed',
      executionArn: `${ARN}3`,
      stateName: STATE,
    });
    for (const token of tokens) expect(out.lines[0]).not.toContain(token.slice(25, 60));
  });

  it('counts records deferred by the time guard and heartbeats that did not get through', async () => {
    sfnMock.on(SendTaskHeartbeatCommand).rejects(serviceError('ThrottlingException'));
    const out = capture();
    const handler = sqsCallbackHandler(
      async (_input: unknown, { heartbeat }) => {
        await heartbeat().catch(() => {});
        return 1;
      },
      { client: sfn, logger: silentLogger, concurrency: 1, metrics: { write: out.write } },
    );
    // 1,500 ms left, below the default margin of 2,000 ms: nothing may start.
    await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext(1500));
    await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
    const [deferred, beat] = out.docs();
    expect(deferred).toMatchObject({ DeferredByTimeGuard: 1, CallbackSucceeded: 0 });
    expect(deferred.CallbackLatency).toBeUndefined();
    expect(beat).toMatchObject({ HeartbeatFailures: 1, CallbackSucceeded: 1 });
  });

  it('namespace, service and dimensions are configurable; the service defaults to the function name', async () => {
    const out = capture();
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'from-env');
    try {
      const handler = sqsCallbackHandler(async () => 1, {
        client: sfn,
        logger: silentLogger,
        metrics: { write: out.write, namespace: 'Orders', dimensions: { Stage: 'prod' } },
      });
      await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
    } finally {
      vi.unstubAllEnvs();
    }
    const [doc] = out.docs();
    expect(doc._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Orders',
      Dimensions: [['Service', 'Stage']],
    });
    expect(doc).toMatchObject({ Service: 'from-env', Stage: 'prod' });
  });

  it('writes to stdout by default, and nothing with metrics: false', async () => {
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const on = sqsCallbackHandler(async () => 1, { client: sfn, logger: silentLogger });
      await on(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]?.[0])).toMatch(/^\{"_aws":.*\}\n$/);
      spy.mockClear();
      const off = sqsCallbackHandler(async () => 1, {
        client: sfn,
        logger: silentLogger,
        metrics: false,
      });
      await off(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('beyond 100 answered records, further latencies go to further documents (EMF: 100 values per metric)', async () => {
    const out = capture();
    const handler = sqsCallbackHandler(async () => 1, {
      client: sfn,
      logger: silentLogger,
      metrics: { write: out.write },
    });
    const records = Array.from({ length: 230 }, (_, i) => correlated(makeToken(), 1, i));
    await handler(makeEvent(records), makeContext());
    const docs = out.docs();
    expect(
      docs.map((d) => (Array.isArray(d.CallbackLatency) ? d.CallbackLatency.length : 1)),
    ).toEqual([100, 100, 30]);
    expect(docs[0]).toMatchObject({ CallbackSucceeded: 230 });
    expect(docs[0].records).toBeUndefined();
    expect(docs[1].CallbackSucceeded).toBeUndefined();
    expect(docs[1]._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: 'CallbackLatency', Unit: 'Milliseconds' },
    ]);
  });

  it('names at most 100 records that did not succeed per document', async () => {
    const out = capture();
    const handler = sqsCallbackHandler(
      async () => {
        throw new Error('no');
      },
      { client: sfn, logger: silentLogger, metrics: { write: out.write } },
    );
    await handler(
      makeEvent(Array.from({ length: 150 }, (_, i) => correlated(makeToken(), 1, i))),
      makeContext(),
    );
    const [doc] = out.docs();
    expect(doc).toMatchObject({ CallbackFailed: 150 });
    expect(doc.records).toHaveLength(100);
  });
});

describe('a metrics library of your own', () => {
  it('a Powertools Metrics instance gets the counts and publishes once per invocation', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const metrics = new Metrics({ namespace: 'Powertools', serviceName: 'orders' });
      const handler = sqsCallbackHandler(async (input: string) => input, {
        client: sfn,
        logger: silentLogger,
        metrics,
      });
      sfnMock.on(SendTaskSuccessCommand).callsFake(async ({ output }) => {
        if (output === '"closed"') throw serviceError('TaskTimedOut');
        return {};
      });
      await handler(
        makeEvent([correlated(makeToken(), 'ok', 7), correlated(makeToken(), 'closed', 8)]),
        makeContext(),
      );
    } finally {
      spy.mockRestore();
    }
    const docs = lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(docs).toHaveLength(1);
    const [doc] = docs;
    expect(doc._aws.CloudWatchMetrics[0].Namespace).toBe('Powertools');
    expect(doc).toMatchObject({
      service: 'orders',
      CallbackSucceeded: 1,
      CallbackAlreadyClosed: 1,
      PoisonMessages: 0,
    });
    expect(doc.CallbackLatency).toBe(250);
    expect(JSON.parse(doc.records)).toEqual([
      expect.objectContaining({ outcome: 'CallbackAlreadyClosed', stateName: STATE }),
    ]);
  });

  it('a publisher that throws does not fail the batch; it is logged', async () => {
    const publisher: MetricsPublisher = {
      addMetric: () => {},
      publishStoredMetrics: () => {
        throw new Error('metrics backend down');
      },
    };
    const log = captureLogger('info');
    const handler = sqsCallbackHandler(async () => 1, {
      client: sfn,
      logger: log.logger,
      metrics: publisher,
    });
    const response = await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(log.entries()).toContainEqual(
      expect.objectContaining({ message: 'metrics not published' }),
    );
  });
});

describe('correlation in log lines', () => {
  it('names the execution and state of the token, never the token', async () => {
    sfnMock.on(SendTaskSuccessCommand).rejects(serviceError('TaskTimedOut'));
    const log = captureLogger('info');
    const token = makeToken();
    const handler = sqsCallbackHandler(async () => 1, {
      client: sfn,
      logger: log.logger,
      metrics: false,
    });
    await handler(makeEvent([correlated(token, 1, 9)]), makeContext());
    expect(log.entries()).toEqual([
      expect.objectContaining({ executionArn: `${ARN}9`, stateName: STATE }),
    ]);
    expect(log.lines.join('\n')).not.toContain(token);
  });

  it('an older message without them logs as before', async () => {
    sfnMock.on(SendTaskSuccessCommand).rejects(serviceError('TaskTimedOut'));
    const log = captureLogger('info');
    const handler = sqsCallbackHandler(async () => 1, {
      client: sfn,
      logger: log.logger,
      metrics: false,
    });
    await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
    const [entry] = log.entries();
    expect(entry).not.toHaveProperty('executionArn');
    expect(entry).not.toHaveProperty('stateName');
  });
});
