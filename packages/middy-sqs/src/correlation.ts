import type { CallbackCorrelation } from '@sfn-callback/task-token';
import type { SQSRecord } from 'aws-lambda';

/**
 * The execution and state a record's token belongs to, as its envelope said
 * (`ExecutionArn`, `StateName`), kept on the record for the log lines and the metrics of
 * the invocation, under a symbol of this module (invisible to JSON and `Object.keys`). A
 * WeakMap would leave the record alone but costs about half a microsecond per new record
 * in V8, more than the rest of the metrics together. What is kept is the parse result as
 * is (no copy on the hot path); it also holds the token, as the record's body does, so only
 * {@link correlationOf}'s copy of the two fields ever leaves.
 */
const CORRELATION: unique symbol = Symbol();

type Correlated = SQSRecord & { [CORRELATION]?: CallbackCorrelation };

/** Remembers the correlation read from a record's message (nothing when it has none). */
export function rememberCorrelation(record: SQSRecord, parsed: CallbackCorrelation): void {
  if (parsed.executionArn !== undefined || parsed.stateName !== undefined) {
    (record as Correlated)[CORRELATION] = parsed;
  }
}

/**
 * The correlation read from a record's message, if any: a new object with the two fields
 * only (a field may be `undefined`, which the JSON of log lines and metrics omits).
 */
export function correlationOf(record: SQSRecord): CallbackCorrelation | undefined {
  const parsed = (record as Correlated)[CORRELATION];
  return parsed && { executionArn: parsed.executionArn, stateName: parsed.stateName };
}
