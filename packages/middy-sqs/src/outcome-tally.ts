import { OUTCOME_METRIC_NAMES as NAMES } from '@sfn-callback/task-token';
import type { SQSRecord } from 'aws-lambda';
import { correlationOf } from './correlation.js';
import type { RecordOutcome } from './record-outcome.js';

/** The name of a count metric (`CallbackSucceeded`, `PoisonMessages` …). */
export type CountMetricName = (typeof NAMES)[Exclude<keyof typeof NAMES, 'latency'>];

/** One record of an invocation, as the metrics document names it (never its token). */
export interface TalliedRecord {
  readonly messageId: string;
  /** The count metric the record went to. */
  readonly outcome: CountMetricName;
  readonly executionArn?: string;
  readonly stateName?: string;
}

/** Every count metric, in the order of the behaviour table. */
export const COUNT_NAMES = Object.values(NAMES).filter((name) => name !== NAMES.latency);

const ZERO_COUNTS = Object.fromEntries(COUNT_NAMES.map((name) => [name, 0])) as Record<
  CountMetricName,
  number
>;

/** Most records named in one document's `records` property (the rest are counted only). */
export const MAX_NAMED_RECORDS = 100;

/**
 * What one invocation's records came to: a count per outcome, keyed by metric name, zeros
 * included (so alarms always have datapoints); the callback latency of each answered
 * record; and the execution and state of the first {@link MAX_NAMED_RECORDS} records that
 * did not succeed (the ones to look into) whose message named them.
 */
export class OutcomeTally {
  readonly counts = { ...ZERO_COUNTS };
  /** Milliseconds from `SentTimestamp` to the answer, per answered record. */
  readonly latencies: number[] = [];
  /** Records whose message named its execution or state. */
  readonly records: TalliedRecord[] = [];

  /** Counts one record's outcome (and its latency, when Step Functions got an answer). */
  add(record: SQSRecord, outcome: RecordOutcome): void {
    const name = outcomeMetricOf(outcome);
    this.counts[name]++;
    const sent = Number(record.attributes?.SentTimestamp);
    if (sent > 0 && (outcome.status === 'succeeded' || outcome.status === 'failed')) {
      this.latencies.push(Math.max(0, Date.now() - sent));
    }
    // Succeeded records are counted, not named: naming every one would cost each record
    // its share of the document (a few hundred bytes of ARN to serialize).
    if (name === NAMES.succeeded || this.records.length >= MAX_NAMED_RECORDS) return;
    const correlation = correlationOf(record);
    if (correlation) {
      this.records.push({ messageId: record.messageId, outcome: name, ...correlation });
    }
  }

  /** Counts a heartbeat that did not get through. */
  heartbeatFailed(): void {
    this.counts[NAMES.heartbeatFailures]++;
  }
}

/**
 * The count each outcome goes to, by status, or by reason for a batch item failure. A
 * dropped message (`onInvalidMessage: 'drop'`) is poison all the same; of the batch item
 * failures, a message without a token is poison, one not started or interrupted for want
 * of time is deferred, the rest (absent here) are retries.
 */
const COUNT_OF: Readonly<Record<string, CountMetricName>> = {
  succeeded: NAMES.succeeded,
  failed: NAMES.failed,
  'already-closed': NAMES.alreadyClosed,
  dropped: NAMES.poison,
  'invalid-message': NAMES.poison,
  'time-running-out': NAMES.deferred,
  'interrupted-by-time': NAMES.deferred,
};

/** The count a record's outcome goes to. */
export function outcomeMetricOf(outcome: RecordOutcome): CountMetricName {
  return (
    COUNT_OF[outcome.status === 'not-processed' ? outcome.error.reason : outcome.status] ??
    NAMES.retried
  );
}
