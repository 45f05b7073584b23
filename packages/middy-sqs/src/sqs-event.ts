import type { SQSEvent } from 'aws-lambda';
import { InvalidSqsEventError } from './errors.js';

/**
 * Checks that `event` is an SQS event: an object with a `Records` array whose every
 * record comes from `aws:sqs` and has a string `messageId` and `body`.
 *
 * @throws {@link InvalidSqsEventError} saying what is wrong (never quoting a body).
 */
export function assertSqsEvent(event: unknown): asserts event is SQSEvent {
  if (checked.has(event as object)) return;
  const records = (event as { Records?: unknown } | null | undefined)?.Records;
  if (!Array.isArray(records)) {
    throw new InvalidSqsEventError(
      `The handler was invoked with an event that is not an SQS event (no "Records" array; got ${describe(event)}). ` +
        'Trigger it from an SQS event source mapping with ReportBatchItemFailures.',
    );
  }
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as Record<string, unknown> | null;
    if (typeof record !== 'object' || record === null) {
      throw new InvalidSqsEventError(`Records[${i}] is ${describe(record)}, not an SQS record.`);
    }
    if (record.eventSource !== 'aws:sqs') {
      throw new InvalidSqsEventError(
        `Records[${i}] has eventSource ${JSON.stringify(record.eventSource)}, not "aws:sqs": ` +
          'this handler only processes SQS events.',
      );
    }
    if (typeof record.messageId !== 'string' || typeof record.body !== 'string') {
      throw new InvalidSqsEventError(
        `Records[${i}] has no string "messageId" and "body": it is not an SQS record.`,
      );
    }
  }
}

/** Events already checked in this invocation (by the middleware, before the handler). */
const checked = new WeakSet<object>();

/** Like {@link assertSqsEvent}, and remembers the event so a second check is free. */
export function checkSqsEventOnce(event: unknown): asserts event is SQSEvent {
  assertSqsEvent(event);
  checked.add(event as object);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const keys = Object.keys(value).slice(0, 5);
    return keys.length ? `an object with keys ${keys.join(', ')}` : 'an empty object';
  }
  return typeof value;
}
