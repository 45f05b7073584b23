import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { TaskResponseTransientError } from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RetryableError, retryable } from '../../src/index.js';
import { handlerWithTestDefaults } from '../support/handler-with-test-defaults.js';
import { makeContext } from '../support/lambda-context.js';
import { captureLogger } from '../support/log-capture.js';
import { makeCallbackRecord, makeEvent, makeRecord, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions, serviceError } from '../support/step-functions-mock.js';

const { client: sfn, mock: sfnMock, successInputs, failureInputs } = mockStepFunctions();
const callbackHandler = handlerWithTestDefaults(sfn);

describe('user code returns → SendTaskSuccess(output), record done', () => {
  it('sends the returned output as JSON with the record token', async () => {
    const { logger } = captureLogger();
    const token = makeToken();
    const handler = callbackHandler(
      async (input: { orderId: string }) => ({ approved: true, orderId: input.orderId }),
      { logger },
    );
    const response = await handler(
      makeEvent([makeCallbackRecord(token, { orderId: 'o-1' })]),
      makeContext(),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(successInputs()).toEqual([
      { taskToken: token, output: JSON.stringify({ approved: true, orderId: 'o-1' }) },
    ]);
    expect(failureInputs()).toEqual([]);
  });

  it('answers every record of a batch with its own token (not only the first)', async () => {
    const tokens = [makeToken(), makeToken(), makeToken()];
    const handler = callbackHandler(async (input: number) => input * 2);
    await handler(
      makeEvent(tokens.map((token, i) => makeCallbackRecord(token, i + 1))),
      makeContext(),
    );
    expect(
      successInputs()
        .map((call) => [call.taskToken, call.output])
        .sort(),
    ).toEqual(tokens.map((token, i) => [token, String((i + 1) * 2)]).sort());
  });

  it('sends {} when the function returns nothing', async () => {
    const handler = callbackHandler(async () => undefined);
    await handler(makeEvent([makeCallbackRecord(makeToken(), {})]), makeContext());
    expect(successInputs()[0]?.output).toBe('{}');
  });
});

describe('user code throws → SendTaskFailure(name, message), record done', () => {
  it('fails the task with the error name and message, without the stack', async () => {
    const token = makeToken();
    const handler = callbackHandler(async () => {
      throw new RangeError('quantity must be positive');
    });
    const response = await handler(makeEvent([makeCallbackRecord(token, {})]), makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(failureInputs()).toEqual([
      { taskToken: token, error: 'RangeError', cause: 'quantity must be positive' },
    ]);
    expect(successInputs()).toEqual([]);
  });

  it('puts the stack in the cause only with includeStack', async () => {
    const handler = callbackHandler(
      async () => {
        throw new Error('boom');
      },
      { includeStack: true },
    );
    await handler(makeEvent([makeCallbackRecord(makeToken(), {})]), makeContext());
    expect(failureInputs()[0]?.cause).toMatch(/^Error: boom\n\s+at /);
  });

  it("cuts the name to 256 and the cause to 32,768 characters (the API's limits)", async () => {
    const handler = callbackHandler(async () => {
      const error = new Error('m'.repeat(40_000));
      error.name = 'N'.repeat(300);
      throw error;
    });
    await handler(makeEvent([makeCallbackRecord(makeToken(), {})]), makeContext());
    const call = failureInputs()[0];
    expect(call?.error?.length).toBeLessThanOrEqual(256);
    expect(call?.cause?.length).toBeLessThanOrEqual(32_768);
    expect(call?.cause).toContain('truncated');
  });

  it('fails the task when the output is over 262,144 bytes (checked before the call)', async () => {
    const handler = callbackHandler(async () => ({ blob: 'é'.repeat(140_000) }));
    const response = await handler(makeEvent([makeCallbackRecord(makeToken(), {})]), makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(successInputs()).toEqual([]);
    expect(failureInputs()[0]?.error).toBe('InvalidTaskOutputError');
    expect(failureInputs()[0]?.cause).toMatch(/bytes/);
  });
});

describe('user code throws a retryable error → no call, batch item failure', () => {
  it.each([
    ['RetryableError', () => new RetryableError('downstream unavailable')],
    ['retryable()-marked error', () => retryable(new TypeError('fetch failed'))],
  ])('%s', async (_name, makeError) => {
    const record = makeCallbackRecord(makeToken(), {});
    const handler = callbackHandler(async () => {
      throw makeError();
    });
    const response = await handler(makeEvent([record]), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('a task-token error with retryable: true (a throttled call of its own)', async () => {
    const record = makeCallbackRecord(makeToken(), {});
    const handler = callbackHandler(async () => {
      throw new TaskResponseTransientError('SendTaskSuccess throttled', 'ThrottlingException');
    });
    const response = await handler(makeEvent([record]), makeContext());
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it('uses the isRetryable option for other errors', async () => {
    const record = makeCallbackRecord(makeToken(), {});
    const handler = callbackHandler(
      async () => {
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
      { isRetryable: (error) => (error as { code?: string }).code === 'ECONNRESET' },
    );
    const response = await handler(makeEvent([record]), makeContext());
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(sfnMock.calls()).toHaveLength(0);
  });
});

describe('poison messages', () => {
  const poison: [string, string][] = [
    ['body not JSON', 'approve order 42'],
    ['empty body', ''],
    ['JSON but not an object', '[1,2]'],
    ['no token field', JSON.stringify({ Input: { orderId: 'o-1' } })],
    ['token not a string', JSON.stringify({ TaskToken: 42, Input: {} })],
    ['token too long', JSON.stringify({ TaskToken: 'x'.repeat(2049), Input: {} })],
  ];

  it.each(poison)('%s → batch item failure (reaches the DLQ), no call', async (_name, body) => {
    const calls: unknown[] = [];
    const record = makeRecord(body);
    const handler = callbackHandler(async (input) => calls.push(input));
    const response = await handler(makeEvent([record]), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(calls).toEqual([]);
    expect(sfnMock.calls()).toHaveLength(0);
  });

  it("with onInvalidMessage: 'drop' the record is done and logged at error level", async () => {
    const { logger, entries } = captureLogger();
    const record = makeRecord('not json');
    const handler = callbackHandler(async () => 1, { logger, onInvalidMessage: 'drop' });
    const response = await handler(makeEvent([record]), makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(entries()).toContainEqual(
      expect.objectContaining({ level: 'ERROR', messageId: record.messageId }),
    );
  });

  it('a token but no Input field → SendTaskFailure, record done', async () => {
    const token = makeToken();
    const handler = callbackHandler(async () => 1);
    const response = await handler(
      makeEvent([makeRecord(JSON.stringify({ TaskToken: token }))]),
      makeContext(),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(failureInputs()).toEqual([
      expect.objectContaining({ taskToken: token, error: 'InvalidCallbackMessageError' }),
    ]);
  });

  it('a token but input failing the schema → SendTaskFailure with the issues, function not run', async () => {
    const token = makeToken();
    let ran = false;
    const handler = callbackHandler(
      async () => {
        ran = true;
        return 1;
      },
      { schema: z.object({ orderId: z.string(), amount: z.number().positive() }) },
    );
    const response = await handler(
      makeEvent([makeCallbackRecord(token, { orderId: 7, amount: -1 })]),
      makeContext(),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(ran).toBe(false);
    const call = failureInputs()[0];
    expect(call?.taskToken).toBe(token);
    expect(call?.error).toBe('InvalidCallbackMessageError');
    expect(call?.cause).toContain('orderId');
    expect(call?.cause).toContain('amount');
  });

  it('passes the schema output (parsed, with defaults) to the function', async () => {
    const seen: unknown[] = [];
    const handler = callbackHandler(async (input) => seen.push(input), {
      schema: z.object({ orderId: z.string(), priority: z.string().default('normal') }),
    });
    await handler(makeEvent([makeCallbackRecord(makeToken(), { orderId: 'o-1' })]), makeContext());
    expect(seen).toEqual([{ orderId: 'o-1', priority: 'normal' }]);
  });
});

describe('Send* answered TaskTimedOut / TaskDoesNotExist → done, "already closed"', () => {
  it.each(['TaskTimedOut', 'TaskDoesNotExist'])('%s on SendTaskSuccess', async (name) => {
    const { logger, entries } = captureLogger();
    sfnMock.on(SendTaskSuccessCommand).rejects(serviceError(name));
    const record = makeCallbackRecord(makeToken(), {});
    const handler = callbackHandler(async () => 1, { logger });
    const response = await handler(makeEvent([record]), makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    const closed = entries().find((entry) => String(entry.message).includes('already closed'));
    expect(closed).toMatchObject({ level: 'INFO', messageId: record.messageId, reason: name });
  });

  it('TaskTimedOut on SendTaskFailure', async () => {
    const { logger, entries } = captureLogger();
    sfnMock.on(SendTaskFailureCommand).rejects(serviceError('TaskTimedOut'));
    const handler = callbackHandler(
      async () => {
        throw new Error('no');
      },
      { logger },
    );
    const response = await handler(makeEvent([makeCallbackRecord(makeToken(), {})]), makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    expect(entries().some((entry) => String(entry.message).includes('already closed'))).toBe(true);
  });
});

describe('Send* throttled or network failure after retries → batch item failure', () => {
  it.each([
    ['ThrottlingException', serviceError('ThrottlingException')],
    ['KmsThrottlingException', serviceError('KmsThrottlingException')],
    ['HTTP 500', serviceError('InternalFailure', 500)],
    ['network error', Object.assign(new Error('connect ECONNREFUSED'), { name: 'ECONNREFUSED' })],
  ])('%s on SendTaskSuccess', async (_name, error) => {
    sfnMock.on(SendTaskSuccessCommand).rejects(error);
    const record = makeCallbackRecord(makeToken(), {});
    const handler = callbackHandler(async () => 1);
    const response = await handler(makeEvent([record]), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
  });

  it('throttling on SendTaskFailure', async () => {
    sfnMock.on(SendTaskFailureCommand).rejects(serviceError('ThrottlingException'));
    const record = makeCallbackRecord(makeToken(), {});
    const handler = callbackHandler(async () => {
      throw new Error('business rule');
    });
    const response = await handler(makeEvent([record]), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
  });

  it('a refused token (InvalidToken) → batch item failure, logged at error level', async () => {
    const { logger, entries } = captureLogger();
    sfnMock.on(SendTaskSuccessCommand).rejects(serviceError('InvalidToken'));
    const record = makeCallbackRecord(makeToken(), {});
    const handler = callbackHandler(async () => 1, { logger });
    const response = await handler(makeEvent([record]), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(entries()).toContainEqual(
      expect.objectContaining({ level: 'ERROR', messageId: record.messageId }),
    );
  });
});

describe('whole batches', () => {
  it('a batch where every record failed is answered with each of them, not thrown', async () => {
    const records = [makeRecord('x'), makeRecord('y'), makeRecord('z')];
    const handler = callbackHandler(async () => 1);
    const response = await handler(makeEvent(records), makeContext());
    expect(response).toEqual({
      batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })),
    });
  });

  it('a mixed batch reports only the records to redeliver, in record order', async () => {
    sfnMock.on(SendTaskSuccessCommand).callsFake(async (input: { output?: string }) => {
      if (input.output === '"throttle"') throw serviceError('ThrottlingException');
      return {};
    });
    const records = [
      makeCallbackRecord(makeToken(), 'ok'),
      makeRecord('not json'),
      makeCallbackRecord(makeToken(), 'throttle'),
      makeCallbackRecord(makeToken(), 'fail'),
      makeCallbackRecord(makeToken(), 'retry'),
      makeCallbackRecord(makeToken(), 'ok'),
    ];
    const handler = callbackHandler(async (input: string) => {
      if (input === 'fail') throw new Error('no');
      if (input === 'retry') throw new RetryableError('later');
      return input;
    });
    const response = await handler(makeEvent(records), makeContext());
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      [records[1], records[2], records[4]].map((record) => record?.messageId),
    );
    expect(successInputs()).toHaveLength(3);
    expect(failureInputs()).toHaveLength(1);
  });
});

describe('the wrapper itself', () => {
  it('a logger that throws turns only its record into a batch item failure', async () => {
    const records = [makeCallbackRecord(makeToken(), 'ok'), makeCallbackRecord(makeToken(), 'no')];
    const logger = {
      debug() {},
      info() {},
      warn() {
        throw new Error('log sink down');
      },
      error() {},
    };
    const handler = callbackHandler(
      async (input: string) => {
        if (input === 'no') throw new Error('business rule');
        return input;
      },
      { logger },
    );
    const response = await handler(makeEvent(records), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]?.messageId }] });
    expect(successInputs()).toHaveLength(1);
  });
});
