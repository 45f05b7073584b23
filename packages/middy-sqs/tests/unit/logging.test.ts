import { SendTaskHeartbeatCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import { redactToken } from '@sfn-callback/task-token';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJsonLogger, RetryableError, sqsCallbackHandler } from '../../src/index.js';
import { makeContext } from '../support/lambda-context.js';
import { makeCallbackRecord, makeEvent, makeRecord, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions, serviceError } from '../support/step-functions-mock.js';

// The real middleware reads `console.error` once, when its module loads, before any spy
// could be set. This wrapper resolves the same default when the middleware is created, so
// what it would print goes through the spied console below.
vi.mock('@middy/sqs-partial-batch-failure', async (importOriginal) => {
  const original = (await importOriginal<{ default: (opts?: object) => object }>()).default;
  return {
    default: (opts: { logger?: unknown } = {}) =>
      original({ ...opts, logger: 'logger' in opts ? opts.logger : console.error }),
  };
});

const { client: sfn, mock: sfnMock } = mockStepFunctions();

/** Captures everything written to stdout, stderr and the console. */
function captureAllOutput() {
  const chunks: string[] = [];
  const keep = (...args: unknown[]) => {
    chunks.push(args.map((arg) => (typeof arg === 'string' ? arg : safeInspect(arg))).join(' '));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(keep as never),
    vi.spyOn(process.stderr, 'write').mockImplementation(keep as never),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(keep),
    ),
  ];
  return {
    text: () => chunks.join('\n'),
    lines: () => chunks.join('\n').split('\n').filter(Boolean),
    /** The log lines: every line but the metrics documents (EMF, with `_aws`). */
    logLines: () =>
      chunks
        .join('\n')
        .split('\n')
        .filter((line) => line && !line.startsWith('{"_aws"')),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

function safeInspect(value: unknown): string {
  // Deep enough to print an SQS record with its body, as console.error would.
  return JSON.stringify(value, (_key, v) =>
    v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
  );
}

let output: ReturnType<typeof captureAllOutput>;
beforeEach(() => {
  output = captureAllOutput();
});
afterEach(() => output.restore());

describe('no log line contains a task token', () => {
  it('across every outcome, at debug level, with the default JSON logger on stdout', async () => {
    const tokens = Array.from({ length: 9 }, makeToken);
    sfnMock.on(SendTaskSuccessCommand).callsFake(async ({ taskToken, output: out }) => {
      if (out === '"closed"') throw serviceError('TaskTimedOut');
      if (out === '"throttled"') throw serviceError('ThrottlingException');
      if (out === '"refused"') {
        throw Object.assign(serviceError('InvalidToken'), {
          message: `Invalid token: ${taskToken}`,
        });
      }
      return {};
    });
    sfnMock.on(SendTaskHeartbeatCommand).rejects(serviceError('ThrottlingException'));
    const records = [
      makeCallbackRecord(tokens[0] as string, 'ok'),
      makeCallbackRecord(tokens[1] as string, 'closed'),
      makeCallbackRecord(tokens[2] as string, 'throttled'),
      makeCallbackRecord(tokens[3] as string, 'refused'),
      makeCallbackRecord(tokens[4] as string, 'throw-with-token'),
      makeCallbackRecord(tokens[5] as string, 'retry-with-token'),
      makeCallbackRecord(tokens[6] as string, 'heartbeat'),
      makeRecord(JSON.stringify({ TaskToken: tokens[7] })),
      makeRecord(`{"TaskToken":"${tokens[8]}", broken json`),
    ];
    const handler = sqsCallbackHandler(
      async (input: string, { heartbeat, redactedToken }) => {
        if (input === 'throw-with-token') {
          throw new Error(`could not process task ${records[4]?.body}`);
        }
        if (input === 'retry-with-token') throw new RetryableError(`retry ${tokens[5]}`);
        if (input === 'heartbeat') {
          await heartbeat().catch(() => {});
          return redactedToken;
        }
        return input;
      },
      { client: sfn, logger: createJsonLogger({ level: 'debug' }), heartbeatIntervalSeconds: 1 },
    );
    const response = await handler(makeEvent(records), makeContext());
    expect(response.batchItemFailures.length).toBeGreaterThan(0);

    const lines = output.lines();
    expect(lines.length).toBeGreaterThanOrEqual(records.length);
    for (const token of tokens) {
      expect(output.text()).not.toContain(token);
      // nor a long piece of it
      expect(output.text()).not.toContain(token.slice(20, 80));
    }
    // The redacted form is there, so lines can still be correlated.
    expect(output.text()).toContain(redactToken(tokens[0]));
    // The metrics document was written to the same stdout, so the checks above covered it.
    expect(lines.filter((line) => line.startsWith('{"_aws"'))).toHaveLength(1);
    for (const line of output.logLines()) {
      const entry = JSON.parse(line);
      expect(entry).toMatchObject({ level: expect.any(String), message: expect.any(String) });
    }
  });

  it('the capture works: middy sqs-partial-batch-failure with its default logger prints the body, token included', async () => {
    // Why the wrapper passes its own logger to that middleware: its default is
    // console.error(reason, record), and the record body holds the token.
    const token = makeToken();
    const handler = middy(async () => [{ status: 'rejected', reason: new Error('x') }]).use(
      sqsPartialBatchFailure(),
    );
    await handler(makeEvent([makeCallbackRecord(token, 1)]), makeContext());
    expect(output.text()).toContain(token);
  });
});

describe('log lines', () => {
  it('are JSON with level, message, messageId and the redacted token', async () => {
    sfnMock.on(SendTaskSuccessCommand).rejects(serviceError('TaskTimedOut'));
    const token = makeToken();
    const record = makeCallbackRecord(token, 1);
    const handler = sqsCallbackHandler(async () => 1, {
      client: sfn,
      logger: createJsonLogger({ level: 'info' }),
    });
    await handler(makeEvent([record]), makeContext());
    const entries = output.logLines().map((line) => JSON.parse(line));
    expect(entries).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: expect.stringContaining('already closed'),
        messageId: record.messageId,
        token: redactToken(token),
        timestamp: expect.any(String),
      }),
    ]);
  });

  it('success is logged at debug level only', async () => {
    const handler = sqsCallbackHandler(async () => 1, {
      client: sfn,
      logger: createJsonLogger({ level: 'info' }),
    });
    await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
    expect(output.logLines()).toEqual([]);
  });

  it('the default level comes from AWS_LAMBDA_LOG_LEVEL', async () => {
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'DEBUG');
    try {
      const handler = sqsCallbackHandler(async () => 1, { client: sfn });
      await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
      expect(output.logLines().map((line) => JSON.parse(line).level)).toEqual(['DEBUG']);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
