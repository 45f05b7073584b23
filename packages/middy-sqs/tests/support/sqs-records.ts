// Task tokens, SQS records and events as Lambda delivers them. Shared by the tests and the
// benchmark (Node runs this file with its type stripping, so it uses erasable syntax only
// and imports only node: modules at run time).
import { randomBytes } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

/** A token shaped like a real one: long (about 430 characters), base64-ish, unique. */
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
): SQSRecord {
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
