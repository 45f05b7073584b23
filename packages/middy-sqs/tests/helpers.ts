import { randomBytes } from 'node:crypto';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { type CallbackLogger, createJsonLogger } from '../src/index.js';

/** A token shaped like a real one: long, base64-ish, unique. */
export function makeToken(): string {
  return `AQCEAAAAKgAAAAMAAAAAAAAAA${randomBytes(300).toString('base64')}`;
}

let sequence = 0;

/** An SQS record as Lambda delivers it. */
export function makeRecord(body: string, overrides: Partial<SQSRecord> = {}): SQSRecord {
  sequence += 1;
  const messageId = `0e5d6b0c-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
  return {
    messageId,
    receiptHandle: `AQEB${randomBytes(24).toString('base64')}`,
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

/** A record with the construct's envelope: `{ TaskToken, Input }`. */
export function makeCallbackRecord(
  token: string,
  input: unknown,
  overrides: Partial<SQSRecord> = {},
) {
  return makeRecord(JSON.stringify({ TaskToken: token, Input: input }), overrides);
}

/** A record of a FIFO queue, in message group `groupId`. */
export function makeFifoRecord(token: string, input: unknown, groupId: string): SQSRecord {
  const record = makeCallbackRecord(token, input, {
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:callback-queue.fifo',
  });
  record.attributes = {
    ...record.attributes,
    MessageGroupId: groupId,
    MessageDeduplicationId: record.messageId,
    SequenceNumber: String(sequence),
  };
  return record;
}

export function makeEvent(records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A Lambda context whose remaining time counts down from `remainingMs` (fake timers follow it). */
export function makeContext(remainingMs = 60_000): Context {
  const deadline = Date.now() + remainingMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'callback-worker',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:callback-worker',
    memoryLimitInMB: '512',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/callback-worker',
    logStreamName: '2026/11/26/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** A JSON logger that keeps its lines. */
export function captureLogger(level: 'debug' | 'info' = 'debug'): {
  logger: CallbackLogger;
  lines: string[];
  entries: () => Record<string, unknown>[];
} {
  const lines: string[] = [];
  return {
    logger: createJsonLogger({ level, write: (line) => lines.push(line) }),
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** An SFNClient that never reaches AWS (to be mocked). */
export function offlineSfnClient(): SFNClient {
  return new SFNClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

/** An SDK service error shaped as the SDK throws it. */
export function serviceError(name: string, status = 400): Error {
  const error = new Error(`${name}: answered by the test`) as Error & Record<string, unknown>;
  error.name = name;
  error.$fault = status >= 500 ? 'server' : 'client';
  error.$metadata = { httpStatusCode: status };
  return error;
}

/** A promise with its resolve function outside. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
