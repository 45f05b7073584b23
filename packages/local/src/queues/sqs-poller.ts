import type { EventSourceMappingSpec } from '../assembly/app-model.js';
import type { InvokeResult, LocalFunction } from '../functions/local-function.js';
import { type LocalTime, localTime } from '../time/local-time.js';
import type { LocalQueue, QueueMessage } from './local-queue.js';

/** What one batch did, for whoever watches the poller. */
export interface BatchReport {
  readonly mapping: string;
  /** The function the batch went to. */
  readonly functionName: string;
  readonly size: number;
  /** Records deleted from the queue. */
  readonly deleted: number;
  /** Records left on the queue (visible again after the visibility timeout). */
  readonly failed: number;
  readonly result: InvokeResult;
}

/** Options of {@link SqsPoller}. */
export interface SqsPollerOptions {
  readonly region: string;
  /** Concurrent batches at most (Lambda scales out; locally it is bounded). */
  readonly concurrency: number;
  readonly onBatch?: (report: BatchReport) => void;
  /**
   * The runner's time: the batching window runs on it, and each batch counts as work in
   * flight until its function has answered and the batch is settled.
   * @default real time
   */
  readonly time?: LocalTime;
}

/**
 * An SQS event source mapping: takes up to `BatchSize` visible messages, invokes the
 * function with an SQS event, and deletes what succeeded. With `ReportBatchItemFailures`
 * only the records named in `batchItemFailures` stay (a malformed response fails the whole
 * batch, as on Lambda); without it, any error leaves the whole batch on the queue and a
 * success deletes it all. What stays comes back after the visibility timeout and goes to the
 * DLQ after `maxReceiveCount` receives. `MaximumBatchingWindowInSeconds` is honoured.
 */
export class SqsPoller {
  readonly spec: EventSourceMappingSpec;
  readonly #queue: LocalQueue;
  readonly #fn: LocalFunction;
  readonly #options: SqsPollerOptions;
  #active = 0;
  #cancelWindow: (() => void) | undefined;
  readonly #time: LocalTime;
  #stopped = false;
  readonly #unsubscribe: () => void;
  #idleWaiters: (() => void)[] = [];

  constructor(
    spec: EventSourceMappingSpec,
    queue: LocalQueue,
    fn: LocalFunction,
    options: SqsPollerOptions,
  ) {
    this.spec = spec;
    this.#queue = queue;
    this.#fn = fn;
    this.#options = options;
    this.#time = options.time ?? localTime('real');
    this.#unsubscribe = queue.onAvailable(() => this.#pump());
  }

  /** Batches being processed. */
  get activeBatches(): number {
    return this.#active;
  }

  /** Starts delivering what is already on the queue. */
  start(): void {
    this.#pump();
  }

  /** Stops taking messages; batches in progress finish. */
  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
    this.#cancelWindow?.();
  }

  /** Resolves when no batch is in progress. */
  idle(): Promise<void> {
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #pump(): void {
    if (this.#stopped || !this.spec.enabled) return;
    const limit = Math.min(
      this.#options.concurrency,
      this.spec.maximumConcurrency ?? Number.POSITIVE_INFINITY,
    );
    while (this.#active < limit && this.#queue.visibleCount > 0) {
      const window = this.spec.maximumBatchingWindowSeconds * 1000;
      if (window > 0 && this.#queue.visibleCount < this.spec.batchSize) {
        this.#cancelWindow ??= this.#time.setTimer(window, () => {
          this.#cancelWindow = undefined;
          this.#deliver();
          this.#pump();
        });
        return;
      }
      this.#deliver();
    }
  }

  #deliver(): void {
    const messages = this.#queue.receive(this.spec.batchSize);
    if (messages.length === 0) return;
    this.#active += 1;
    const delivered = this.#time.work.begin('delivery');
    void this.#fn
      .invoke(this.#event(messages))
      .then((result) => this.#settle(messages, result))
      .finally(() => {
        this.#active -= 1;
        if (this.#active === 0) {
          const waiters = this.#idleWaiters;
          this.#idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
        this.#pump();
        // After the pump: a message it takes now holds time before this batch lets it go.
        delivered();
      });
  }

  #settle(messages: readonly QueueMessage[], result: InvokeResult): void {
    let failedIds = new Set<string>();
    if (!result.ok) {
      failedIds = new Set(messages.map((m) => m.messageId));
    } else if (this.spec.reportBatchItemFailures) {
      failedIds = this.#failedItems(messages, result.payload);
    }
    let deleted = 0;
    for (const message of messages) {
      if (failedIds.has(message.messageId)) continue;
      if (message.receiptHandle && this.#queue.delete(message.receiptHandle)) deleted += 1;
    }
    this.#options.onBatch?.({
      mapping: this.spec.logicalId,
      functionName: this.#fn.spec.name,
      size: messages.length,
      deleted,
      failed: messages.length - deleted,
      result,
    });
  }

  /** Reads a partial batch response; a malformed one fails every record. */
  #failedItems(messages: readonly QueueMessage[], payload: unknown): Set<string> {
    const all = new Set(messages.map((m) => m.messageId));
    if (payload === null || payload === undefined) return new Set();
    if (typeof payload !== 'object') return all;
    const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
    if (failures === undefined || failures === null) return new Set();
    if (!Array.isArray(failures)) return all;
    const failed = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      if (typeof id !== 'string' || !all.has(id)) return all;
      failed.add(id);
    }
    return failed;
  }

  #event(messages: readonly QueueMessage[]): unknown {
    const queue = this.#queue.spec;
    return {
      Records: messages.map((message) => ({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentTimestamp),
          SenderId: 'AROALOCALSTATESROLE:local',
          ApproximateFirstReceiveTimestamp: String(
            message.firstReceiveTimestamp ?? this.#time.now(),
          ),
          ...(message.messageGroupId
            ? {
                MessageGroupId: message.messageGroupId,
                MessageDeduplicationId: message.messageDeduplicationId,
                SequenceNumber: message.sequenceNumber,
              }
            : {}),
        },
        messageAttributes: message.messageAttributes,
        md5OfBody: message.md5OfBody,
        eventSource: 'aws:sqs',
        eventSourceARN: queue.arn,
        awsRegion: this.#options.region,
      })),
    };
  }
}
