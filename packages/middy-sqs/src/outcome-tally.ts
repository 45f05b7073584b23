import type { OutcomeMetric } from '@sfn-callback/task-token';
import type { SQSRecord } from 'aws-lambda';
import { correlationOf } from './correlation.js';
import type { RecordNotProcessedError } from './errors.js';
import type { RecordOutcome } from './record-outcome.js';

/** One record of an invocation, as the metrics document names it (never its token). */
export interface TalliedRecord {
  readonly messageId: string;
  readonly outcome: Exclude<OutcomeMetric, 'heartbeatFailures' | 'latency'>;
  readonly executionArn?: string;
  readonly stateName?: string;
}

/** Most records named in one document's `records` property (the rest are counted only). */
export const MAX_NAMED_RECORDS = 100;

/** The count metrics of an invocation. */
export type OutcomeCounts = Record<Exclude<OutcomeMetric, 'latency'>, number>;

/**
 * What one invocation's records came to: a count per outcome, the heartbeat failures, the
 * callback latency of each answered record, and the execution and state of the records
 * whose message named them (up to {@link MAX_NAMED_RECORDS}).
 */
export class OutcomeTally {
  readonly counts: OutcomeCounts = {
    succeeded: 0,
    failed: 0,
    retried: 0,
    alreadyClosed: 0,
    poison: 0,
    deferred: 0,
    heartbeatFailures: 0,
  };
  /** Milliseconds from `SentTimestamp` to the answer, per answered record. */
  readonly latencies: number[] = [];
  /** Records whose message named its execution or state. */
  readonly records: TalliedRecord[] = [];
  /** Records with a correlation beyond {@link MAX_NAMED_RECORDS}. */
  unnamedRecords = 0;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Counts one record's outcome (and its latency, when Step Functions got an answer). */
  add(record: SQSRecord, outcome: RecordOutcome): void {
    const kind = outcomeMetricOf(outcome);
    this.counts[kind]++;
    if (kind === 'succeeded' || kind === 'failed') {
      const sent = Number(record.attributes?.SentTimestamp);
      if (sent > 0) this.latencies.push(Math.max(0, this.#now() - sent));
    }
    const correlation = correlationOf(record);
    if (correlation === undefined) return;
    if (this.records.length >= MAX_NAMED_RECORDS) {
      this.unnamedRecords++;
      return;
    }
    this.records.push({ messageId: record.messageId, outcome: kind, ...correlation });
  }

  /** Counts a heartbeat that did not get through. */
  heartbeatFailed(): void {
    this.counts.heartbeatFailures++;
  }
}

/** The count a record's outcome goes to. */
export function outcomeMetricOf(outcome: RecordOutcome): TalliedRecord['outcome'] {
  switch (outcome.status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'already-closed':
      return 'alreadyClosed';
    case 'dropped':
      return 'poison';
    case 'not-processed':
      return notProcessedMetric(outcome.error);
  }
}

function notProcessedMetric(error: RecordNotProcessedError): TalliedRecord['outcome'] {
  switch (error.reason) {
    case 'invalid-message':
      return 'poison';
    case 'time-running-out':
    case 'interrupted-by-time':
      return 'deferred';
    default:
      return 'retried';
  }
}
