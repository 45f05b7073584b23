import { randomUUID } from 'node:crypto';
import { makeEvent, makeRecord, makeToken } from '../tests/support/sqs-records.ts';

/**
 * An SQS event of `size` records carrying the construct's whole envelope (token, input,
 * execution ARN, state name), each with its own token.
 */
export function makeCallbackEvent(size, input = { orderId: 'o-1', amount: 10 }) {
  return makeEvent(
    Array.from({ length: size }, (_, i) =>
      makeRecord(
        JSON.stringify({
          TaskToken: makeToken(),
          Input: input,
          ExecutionArn: `arn:aws:states:us-east-1:123456789012:execution:CallbackPattern:run-${i}`,
          StateName: 'Start Task And Wait For Callback',
        }),
      ),
    ),
  );
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
