/**
 * Bad input, one case per test, through the public APIs: what the user sees (the exact
 * message or class), and that the rest of the batch was not affected. The handler cases
 * put the bad record between two good ones and check both good ones were answered.
 */
import { randomBytes } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import {
  CallbackPattern,
  CallbackTask,
  CallbackWorker,
  ConflictingPropsError,
  HeartbeatNotBelowTimeoutError,
  VisibilityTimeoutTooShortError,
} from '@sfn-callback/cdk';
import { InvalidSqsEventError, sqsCallbackHandler } from '@sfn-callback/middy-sqs';
import {
  InvalidTaskOutputError,
  InvalidTaskTokenError,
  redactToken,
  TASK_FAILURE_CAUSE_MAX_LENGTH,
  TASK_FAILURE_ERROR_MAX_LENGTH,
  TASK_OUTPUT_MAX_BYTES,
  TASK_TOKEN_MAX_LENGTH,
  TaskTokenClient,
} from '@sfn-callback/task-token';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeEach, describe, expect, it } from 'vitest';

// ---------------------------------------------------------------- harness

interface Call {
  readonly command: string;
  readonly input: Record<string, unknown>;
}

/** An SFNClient whose calls are recorded and answered `{}` (success) without any network. */
function recordingClient(calls: Call[]): SFNClient {
  const client = new SFNClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      calls.push({
        command: context.commandName as string,
        input: args.input as Record<string, unknown>,
      });
      return { output: { $metadata: {} } as never, response: {} };
    },
    { step: 'initialize', name: 'recordCalls' },
  );
  return client;
}

const makeToken = () => `AQCEAAAAKgAAAAMAAAAAAAAAA${randomBytes(96).toString('base64url')}`;

let sequence = 0;
function record(body: string, overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    messageId: `msg-${sequence}`,
    receiptHandle: `rh-${sequence}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1764150000000',
      SenderId: 'AROAEXAMPLE:states',
      ApproximateFirstReceiveTimestamp: '1764150000001',
    },
    messageAttributes: {},
    md5OfBody: '0'.repeat(32),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:callback-queue',
    awsRegion: 'us-east-1',
    ...overrides,
  };
}
const callbackBody = (token: string, input: unknown) =>
  JSON.stringify({ TaskToken: token, Input: input });

function lambdaContext() {
  const deadline = Date.now() + 30_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'worker',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:worker',
    memoryLimitInMB: '512',
    awsRequestId: 'req-1',
    logGroupName: '/aws/lambda/worker',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** A schema: `{ n: number }`, or `{ behave: string }` for the bad-output and throw cases. */
const inputSchema: StandardSchemaV1<unknown, { n?: number; behave?: string }> = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate(value) {
      const v = value as { n?: unknown; behave?: unknown } | null;
      if (typeof v !== 'object' || v === null)
        return { issues: [{ message: 'must be an object' }] };
      if (v.n !== undefined && typeof v.n !== 'number')
        return { issues: [{ message: 'must be a number', path: ['n'] }] };
      return { value: v as { n?: number; behave?: string } };
    },
  },
};

const HUGE = TASK_OUTPUT_MAX_BYTES;
/** What the function does for `behave`: the bad outputs and bad throws under test. */
const BEHAVIOURS: Record<string, () => unknown> = {
  bigint: () => ({ amount: 10n }),
  cycle: () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    return a;
  },
  // '€' is 3 bytes of UTF-8: the JSON string "…" has 2 quote bytes.
  'euro-over': () => '€'.repeat(Math.floor((HUGE - 2) / 3) + 1),
  'euro-at-limit': () => `${'€'.repeat(Math.floor((HUGE - 2) / 3))}${'a'.repeat((HUGE - 2) % 3)}`,
  undefined: () => undefined,
  'long-name': () => {
    const error = new Error('a long name');
    error.name = `E${'x'.repeat(400)}`;
    throw error;
  },
  'long-cause-surrogates': () => {
    // '😀' is a surrogate pair: 2 UTF-16 units. 20,000 of them: 40,000 units, the cut lands in one.
    throw new Error('😀'.repeat(20_000));
  },
  'throw-string': () => {
    throw 'plain string thrown';
  },
  'throw-undefined': () => {
    throw undefined;
  },
  'throw-object': () => {
    throw { code: 42, detail: 'an object' };
  },
};

let calls: Call[];
let logs: { level: string; message: string; attributes: Record<string, unknown> }[];
let handler: (event: unknown, context: unknown) => Promise<unknown>;

beforeEach(() => {
  calls = [];
  logs = [];
  const log =
    (level: string) =>
    (message: string, attributes: Record<string, unknown> = {}) =>
      logs.push({ level, message, attributes });
  handler = sqsCallbackHandler(
    async (input) => {
      if (input.behave !== undefined) return (BEHAVIOURS[input.behave] as () => unknown)();
      return { doubled: (input.n ?? 0) * 2 };
    },
    {
      schema: inputSchema,
      client: recordingClient(calls),
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    },
  ) as unknown as (event: unknown, context: unknown) => Promise<unknown>;
});

/**
 * Runs [good, bad, good] through the handler. Returns the response, the call made for the
 * bad record's token (if it had one), and checks the two good records were answered.
 */
async function batchWith(badBody: string, badToken?: string) {
  const goodTokens = [makeToken(), makeToken()];
  const records = [
    record(callbackBody(goodTokens[0] as string, { n: 1 })),
    record(badBody),
    record(callbackBody(goodTokens[1] as string, { n: 2 })),
  ];
  const response = (await handler({ Records: records }, lambdaContext())) as {
    batchItemFailures: { itemIdentifier: string }[];
  };
  // The rest of the batch: both good records succeeded with their own output.
  const success = (token: string) =>
    calls.filter((c) => c.command === 'SendTaskSuccessCommand' && c.input.taskToken === token);
  expect(success(goodTokens[0] as string).map((c) => c.input.output)).toEqual(['{"doubled":2}']);
  expect(success(goodTokens[1] as string).map((c) => c.input.output)).toEqual(['{"doubled":4}']);
  // Compared with the token redacted, so that no failure message prints a token.
  const badCalls = (
    badToken === undefined ? [] : calls.filter((c) => c.input.taskToken === badToken)
  ).map(
    (c): Call => ({
      command: c.command,
      input: { ...c.input, taskToken: redactToken(c.input.taskToken) },
    }),
  );
  const others = calls.filter(
    (c) => !goodTokens.includes(c.input.taskToken as string) && c.input.taskToken !== badToken,
  );
  expect(others.map((c) => c.command)).toEqual([]);
  // No token in any log line, in full.
  const logText = JSON.stringify(logs);
  for (const token of [...goodTokens, ...(badToken ? [badToken] : [])])
    expect(logText.includes(token)).toBe(false);
  const badLog = logs.find((l) => l.attributes.messageId === records[1]?.messageId);
  return { response, badId: records[1]?.messageId, badCalls, badLog };
}

// ---------------------------------------------------------------- SQS bodies

describe('middy-sqs: a poison body is a batch item failure, the rest of the batch is answered', () => {
  const poison = async (body: string, expectedMessage: string) => {
    const { response, badId, badCalls, badLog } = await batchWith(body);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: badId }] });
    expect(badCalls).toEqual([]);
    expect(badLog?.level).toBe('error');
    expect(badLog?.message).toBe(
      'the message has no usable task token; it will reach the dead-letter queue',
    );
    expect((badLog?.attributes.error as { message?: string } | undefined)?.message).toBe(
      expectedMessage,
    );
  };

  it('1. body empty', () =>
    poison('', 'The message body is empty; send a JSON object with "TaskToken" and "Input".'));

  it('2. body not JSON', () =>
    poison(
      '{oops',
      `The message body is not JSON (${(() => {
        try {
          JSON.parse('{oops');
        } catch (e) {
          return (e as Error).message;
        }
      })()}); send a JSON object with "TaskToken" and "Input".`,
    ));

  it('3. JSON but an array, not an object', () =>
    poison(
      '[1,2]',
      'The message body is a JSON array; send a JSON object with "TaskToken" and "Input".',
    ));

  it('4. JSON but a number, not an object', () =>
    poison(
      '42',
      'The message body is a JSON number; send a JSON object with "TaskToken" and "Input".',
    ));

  it('5. token missing', () =>
    poison(
      JSON.stringify({ Input: { n: 1 } }),
      'The message has no "TaskToken"; send "TaskToken.$": "$$.Task.Token" from the state machine.',
    ));

  it('6. token not a string', () =>
    poison(
      JSON.stringify({ TaskToken: 12345, Input: { n: 1 } }),
      'The message\'s "TaskToken" must be a string, got number. Pass the "$$.Task.Token" the state machine sent, unchanged.',
    ));

  it('7. token over 2048 characters', () =>
    poison(
      JSON.stringify({ TaskToken: 'A'.repeat(TASK_TOKEN_MAX_LENGTH + 1), Input: { n: 1 } }),
      `The message's "TaskToken" has ${TASK_TOKEN_MAX_LENGTH + 1} characters, over the limit of ${TASK_TOKEN_MAX_LENGTH}. Pass the "$$.Task.Token" the state machine sent, unchanged.`,
    ));

  it('8. token empty', () =>
    poison(
      JSON.stringify({ TaskToken: '', Input: { n: 1 } }),
      'The message\'s "TaskToken" is empty. Pass the "$$.Task.Token" the state machine sent, unchanged.',
    ));
});

describe('middy-sqs: a token but a bad input fails that task, the rest of the batch is answered', () => {
  it('9. input missing', async () => {
    const token = makeToken();
    const { response, badCalls } = await batchWith(JSON.stringify({ TaskToken: token }), token);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(badCalls).toEqual([
      {
        command: 'SendTaskFailureCommand',
        input: {
          taskToken: redactToken(token),
          error: 'InvalidCallbackMessageError',
          cause: 'The message has no "Input"; send "Input.$": "$" from the state machine.',
        },
      },
    ]);
  });

  it('10. input failing its schema', async () => {
    const token = makeToken();
    const { response, badCalls, badLog } = await batchWith(
      callbackBody(token, { n: 'one' }),
      token,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(badCalls.map((c) => c.input)).toEqual([
      {
        taskToken: redactToken(token),
        error: 'InvalidCallbackMessageError',
        cause: 'The callback input does not match its schema: n: must be a number',
      },
    ]);
    expect(badLog?.message).toBe('the input does not match the schema; task failed');
  });
});

// ---------------------------------------------------------------- outputs

describe('middy-sqs: an output Step Functions would refuse fails that task before any SendTaskSuccess', () => {
  const badOutput = async (behave: string) => {
    const token = makeToken();
    const result = await batchWith(callbackBody(token, { behave }), token);
    expect(result.response).toEqual({ batchItemFailures: [] });
    expect(result.badCalls.map((c) => c.command)).toEqual(['SendTaskFailureCommand']);
    expect(result.badCalls[0]?.input.error).toBe('InvalidTaskOutputError');
    return result.badCalls[0]?.input.cause as string;
  };

  it('11. output with a BigInt', async () => {
    expect(await badOutput('bigint')).toBe(
      'The task output cannot be serialized to JSON: Do not know how to serialize a BigInt. ' +
        'Return plain data: convert BigInt values to strings and remove circular references.',
    );
  });

  it('12. output with a cycle', async () => {
    expect(await badOutput('cycle')).toMatch(
      /^The task output cannot be serialized to JSON: Converting circular structure to JSON[\s\S]*Return plain data: convert BigInt values to strings and remove circular references\.$/,
    );
  });

  it('13. output over 262,144 bytes of UTF-8 in fewer characters (3-byte "€")', async () => {
    const chars = Math.floor((HUGE - 2) / 3) + 1;
    expect(chars + 2).toBeLessThan(HUGE); // fewer characters than the limit: only bytes tell
    expect(await badOutput('euro-over')).toBe(
      `The task output is ${chars * 3 + 2} bytes of UTF-8 as JSON; Step Functions accepts at most ${HUGE}. Store large results elsewhere (e.g. S3) and return a reference.`,
    );
  });

  it('14. output of exactly 262,144 bytes of UTF-8 is sent', async () => {
    const token = makeToken();
    const { response, badCalls } = await batchWith(
      callbackBody(token, { behave: 'euro-at-limit' }),
      token,
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(badCalls.map((c) => c.command)).toEqual(['SendTaskSuccessCommand']);
    expect(Buffer.byteLength(badCalls[0]?.input.output as string, 'utf8')).toBe(HUGE);
  });

  it('15. output undefined is sent as {}', async () => {
    const token = makeToken();
    const { badCalls } = await batchWith(callbackBody(token, { behave: 'undefined' }), token);
    expect(badCalls.map((c) => [c.command, c.input.output])).toEqual([
      ['SendTaskSuccessCommand', '{}'],
    ]);
  });
});

// ---------------------------------------------------------------- thrown values

describe('middy-sqs: what the function throws becomes a SendTaskFailure within the API limits', () => {
  const thrown = async (behave: string) => {
    const token = makeToken();
    const { response, badCalls } = await batchWith(callbackBody(token, { behave }), token);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(badCalls.map((c) => c.command)).toEqual(['SendTaskFailureCommand']);
    const input = badCalls[0]?.input as { error: string; cause: string };
    return { error: input.error, cause: input.cause };
  };

  it('16. an error name over 256 characters is cut to 256, with a visible marker', async () => {
    const { error, cause } = await thrown('long-name');
    expect(error).toHaveLength(TASK_FAILURE_ERROR_MAX_LENGTH);
    expect(error).toMatch(/^Ex+…\[truncated from 401 chars\]$/);
    expect(cause).toBe('a long name');
  });

  it('17. a cause over 32,768 characters is cut without splitting a surrogate pair', async () => {
    const { cause } = await thrown('long-cause-surrogates');
    expect(cause.length).toBeLessThanOrEqual(TASK_FAILURE_CAUSE_MAX_LENGTH);
    expect(cause.length).toBeGreaterThan(TASK_FAILURE_CAUSE_MAX_LENGTH - 40);
    expect(cause.endsWith('…[truncated from 40000 chars]')).toBe(true);
    expect(cause.isWellFormed()).toBe(true); // no lone surrogate at the cut
  });

  it('18. a thrown string', async () => {
    expect(await thrown('throw-string')).toEqual({ error: 'Error', cause: 'plain string thrown' });
  });

  it('19. a thrown undefined', async () => {
    expect(await thrown('throw-undefined')).toEqual({
      error: 'Error',
      cause: 'A non-Error value was thrown: undefined',
    });
  });

  it('20. a thrown plain object', async () => {
    expect(await thrown('throw-object')).toEqual({
      error: 'Error',
      cause: 'A non-Error value was thrown: {"code":42,"detail":"an object"}',
    });
  });
});

// ---------------------------------------------------------------- events

describe('middy-sqs: events that are not SQS batches', () => {
  it('21. an event that is not an SQS event fails the invocation with InvalidSqsEventError', async () => {
    const attempt = handler({ detail: { orderId: 1 } }, lambdaContext());
    await expect(attempt).rejects.toThrow(InvalidSqsEventError);
    await expect(attempt).rejects.toThrow(
      'Not an SQS event: no "Records" array (got an object with keys detail). Trigger this handler from an SQS event source mapping with ReportBatchItemFailures.',
    );
    expect(calls).toEqual([]);
  });

  it('22. an SQS-looking event with an SNS record: nothing of the batch is half-done', async () => {
    const token = makeToken();
    const attempt = handler(
      {
        Records: [record(callbackBody(token, { n: 1 })), record('{}', { eventSource: 'aws:sns' })],
      },
      lambdaContext(),
    );
    await expect(attempt).rejects.toThrow(
      'Records[1] has eventSource "aws:sns": not an SQS record. Trigger this handler from an SQS event source mapping with ReportBatchItemFailures.',
    );
    expect(calls).toEqual([]); // the good record was not answered either: the whole batch comes back
  });

  it('23. an SQS event with no records', async () => {
    expect(await handler({ Records: [] }, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(calls).toEqual([]);
  });
});

// ---------------------------------------------------------------- the client

describe('task-token: the client refuses bad values before any call', () => {
  it('24. succeed() with a token over 2048 characters: InvalidTaskTokenError, no call', async () => {
    const clientCalls: Call[] = [];
    const client = new TaskTokenClient({ client: recordingClient(clientCalls) });
    const attempt = client.succeed('B'.repeat(TASK_TOKEN_MAX_LENGTH + 1), { ok: true });
    await expect(attempt).rejects.toBeInstanceOf(InvalidTaskTokenError);
    await expect(attempt).rejects.toHaveProperty('reason', 'too-long');
    expect(clientCalls).toEqual([]);
  });

  it('25. succeed() with a BigInt output: InvalidTaskOutputError, no call, token not in the message', async () => {
    const clientCalls: Call[] = [];
    const client = new TaskTokenClient({ client: recordingClient(clientCalls) });
    const token = makeToken();
    const error = await client.succeed(token, { id: 1n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTaskOutputError);
    expect((error as InvalidTaskOutputError).reason).toBe('not-serializable');
    expect(String((error as Error).message).includes(token)).toBe(false);
    expect(clientCalls).toEqual([]);
  });

  it('26. redactToken of a non-string never throws and never shows the value', () => {
    const token = makeToken();
    expect(redactToken(token).includes(token)).toBe(false);
    expect(redactToken(token)).toMatch(/^AQCEAA…#[0-9a-f]{12}$/);
    expect(() => redactToken(undefined)).not.toThrow();
    expect(() => redactToken({ token })).not.toThrow();
    expect(redactToken({ token }).includes(token)).toBe(false);
  });
});

// ---------------------------------------------------------------- constructs

describe('cdk: construct props that cannot work fail at synth with a clear error', () => {
  const stack = () => new Stack(new App(), 'S');
  const entry = new URL('../src/fault-worker.ts', import.meta.url).pathname;

  it('27. a prop pair given twice (existingQueueObj and queueProps)', () => {
    const s = stack();
    const queue = new sqs.Queue(s, 'Q', { visibilityTimeout: Duration.minutes(10) });
    expect(
      () =>
        new CallbackWorker(s, 'Worker', {
          existingQueueObj: queue,
          queueProps: { visibilityTimeout: Duration.minutes(10) },
          lambdaFunctionProps: { entry },
        }),
    ).toThrow(new ConflictingPropsError('S/Worker', 'existingQueueObj', 'queueProps'));
    expect(
      () =>
        new CallbackWorker(stack(), 'Worker', {
          existingQueueObj: queue,
          queueProps: {},
          lambdaFunctionProps: { entry },
        }),
    ).toThrow(
      'S/Worker: pass either `existingQueueObj` or `queueProps`, not both. `existingQueueObj` uses a resource you already have; `queueProps` configures the one this construct creates.',
    );
  });

  it('28. a prop pair given twice (existingLambdaObj and lambdaFunctionProps)', () => {
    const s = stack();
    const fn = new lambda.Function(s, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    expect(
      () =>
        new CallbackPattern(s, 'Pattern', {
          existingLambdaObj: fn,
          lambdaFunctionProps: { entry },
        }),
    ).toThrow(ConflictingPropsError);
  });

  it('29. a heartbeat not below the timeout', () => {
    const s = stack();
    const queue = new sqs.Queue(s, 'Q');
    expect(
      () =>
        new CallbackTask(s, 'Wait', {
          queue,
          timeout: Duration.minutes(5),
          heartbeat: Duration.minutes(5),
        }),
    ).toThrow(
      'S/Wait: heartbeat (300 s) must be below the task timeout (300 s). Lower `heartbeat` or raise `timeout`.',
    );
    expect(
      () =>
        new CallbackTask(stack(), 'Wait', {
          queue,
          timeout: Duration.minutes(5),
          heartbeat: Duration.minutes(6),
        }),
    ).toThrow(HeartbeatNotBelowTimeoutError);
  });

  it('30. a visibility timeout below 6 × the function timeout', () => {
    expect(
      () =>
        new CallbackWorker(stack(), 'Worker', {
          queueProps: { visibilityTimeout: Duration.seconds(60) },
          lambdaFunctionProps: { entry, timeout: Duration.seconds(30) },
        }),
    ).toThrow(new VisibilityTimeoutTooShortError('S/Worker', 60, 30));
  });
});
