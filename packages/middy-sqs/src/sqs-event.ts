import type { SQSEvent } from 'aws-lambda';
import { InvalidSqsEventError } from './errors.js';

const TRIGGER_HINT =
  'Trigger this handler from an SQS event source mapping with ReportBatchItemFailures.';

/**
 * Checks that `event` is an SQS event: an object with a `Records` array whose every
 * record comes from `aws:sqs` and has a string `messageId` and `body`.
 *
 * @throws {@link InvalidSqsEventError} saying what is wrong (never quoting a body).
 */
export function assertSqsEvent(event: unknown): asserts event is SQSEvent {
  const records = (event as { Records?: unknown } | null | undefined)?.Records;
  if (!Array.isArray(records)) {
    throw new InvalidSqsEventError(
      `Not an SQS event: no "Records" array (got ${describe(event)}). ${TRIGGER_HINT}`,
    );
  }
  for (let i = 0; i < records.length; i++) {
    const problem = recordProblem(records[i]);
    if (problem !== undefined) {
      throw new InvalidSqsEventError(
        `Records[${i}] ${problem}: not an SQS record. ${TRIGGER_HINT}`,
      );
    }
  }
}

/** What makes a record not an SQS record, if anything. */
function recordProblem(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null) return `is ${describe(record)}`;
  const { eventSource, messageId, body } = record as Record<string, unknown>;
  if (eventSource !== 'aws:sqs') return `has eventSource ${JSON.stringify(eventSource)}`;
  if (typeof messageId !== 'string' || typeof body !== 'string') {
    return 'has no string "messageId" and "body"';
  }
  return undefined;
}

/** What a value is, for a message: its type, or an object's first keys. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return typeof value;
  return `an object with keys ${Object.keys(value).slice(0, 5).join(', ') || '(none)'}`;
}
