import { randomBytes, randomUUID } from 'node:crypto';

/** A token shaped like a real one (about 430 characters). */
export function makeToken() {
  return `AQCEAAAAKgAAAAMAAAAAAAAAA${randomBytes(300).toString('base64')}`;
}

/** An SQS event of `size` records carrying the construct's envelope. */
export function makeEvent(size, input = { orderId: 'o-1', amount: 10 }) {
  return {
    Records: Array.from({ length: size }, () => ({
      messageId: randomUUID(),
      receiptHandle: `AQEB${randomBytes(24).toString('base64')}`,
      body: JSON.stringify({ TaskToken: makeToken(), Input: input }),
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
    })),
  };
}

/** A Lambda context with plenty of time left. */
export function makeContext(remainingMs = 900_000) {
  const deadline = Date.now() + remainingMs;
  return {
    awsRequestId: randomUUID(),
    functionName: 'bench',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const fmt = (value, digits = 2) => Number(value).toFixed(digits);
