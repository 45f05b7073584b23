import type { CallbackCorrelation } from '@sfn-callback/task-token';
import type { SQSRecord } from 'aws-lambda';

/**
 * The execution and state a record's token belongs to, as its envelope said
 * (`ExecutionArn`, `StateName`), kept beside the record for the log lines and the metrics
 * of the invocation. A WeakMap: nothing is added to the record, nothing outlives it.
 */
const correlations = new WeakMap<SQSRecord, CallbackCorrelation>();

/**
 * Remembers the correlation read from a record's message (nothing when it has none). Only
 * the two fields are copied: the parse result it comes from also holds the token.
 */
export function rememberCorrelation(record: SQSRecord, parsed: CallbackCorrelation): void {
  const { executionArn, stateName } = parsed;
  if (executionArn === undefined && stateName === undefined) return;
  correlations.set(record, {
    ...(executionArn !== undefined ? { executionArn } : {}),
    ...(stateName !== undefined ? { stateName } : {}),
  });
}

/** The correlation read from a record's message, if any. */
export function correlationOf(record: SQSRecord): CallbackCorrelation | undefined {
  return correlations.get(record);
}
