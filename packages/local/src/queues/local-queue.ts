import { createHash, randomUUID } from 'node:crypto';
import type { QueueSpec } from '../assembly/app-model.js';
import { type LocalTime, localTime } from '../time/local-time.js';

/** A message as the queue holds it. */
export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly sentTimestamp: number;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  readonly sequenceNumber?: string;
  readonly messageAttributes: Readonly<Record<string, unknown>>;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** Set while the message is in flight. */
  receiptHandle?: string;
}

/** Input of {@link LocalQueue.send}, as SQS SendMessage takes it. */
export interface SendMessageInput {
  readonly MessageBody: string;
  readonly MessageGroupId?: string;
  readonly MessageDeduplicationId?: string;
  readonly DelaySeconds?: number;
  readonly MessageAttributes?: Record<string, unknown>;
}

/** Output of {@link LocalQueue.send}, as SQS SendMessage answers. */
export interface SendMessageOutput {
  readonly MessageId: string;
  readonly MD5OfMessageBody: string;
  readonly SequenceNumber?: string;
}

const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

/**
 * An in-memory SQS queue with the semantics the callback pattern relies on: visibility
 * timeout (a received message comes back unless deleted in time), receive count, redrive to
 * a dead-letter queue after `maxReceiveCount` receives, per-message delay, and for FIFO
 * queues message groups (a group with a message in flight gives no other) and 5-minute
 * deduplication. Message retention and long polling are not emulated.
 */
export class LocalQueue {
  readonly spec: QueueSpec;
  #deadLetterQueue: LocalQueue | undefined;
  /** Visible messages, oldest first (FIFO queues keep them in sequence order). */
  #visible: QueueMessage[] = [];
  #visibleHead = 0;
  readonly #inFlight = new Map<string, { message: QueueMessage; cancelTimer: () => void }>();
  readonly #delayed = new Set<() => void>();
  readonly #deduplication = new Map<string, { expires: number; output: SendMessageOutput }>();
  readonly #listeners = new Set<() => void>();
  #sequence = 0n;
  #closed = false;

  readonly #time: LocalTime;

  /**
   * @param time the runner's time: visibility timeouts, delays and timestamps run on it.
   *   @default real time
   */
  constructor(spec: QueueSpec, time: LocalTime = localTime('real')) {
    this.spec = spec;
    this.#time = time;
  }

  /** Links the dead-letter queue named by the redrive policy. */
  setDeadLetterQueue(queue: LocalQueue): void {
    this.#deadLetterQueue = queue;
  }

  /** Messages ready to be received. */
  get visibleCount(): number {
    return this.#visible.length - this.#visibleHead;
  }

  /** Messages received and not yet deleted nor returned. */
  get inFlightCount(): number {
    return this.#inFlight.size;
  }

  /** Messages waiting for their delay. */
  get delayedCount(): number {
    return this.#delayed.size;
  }

  /** A copy of the visible messages, oldest first. */
  peek(): readonly QueueMessage[] {
    return this.#visible.slice(this.#visibleHead);
  }

  /** Calls `listener` whenever messages may have become visible. */
  onAvailable(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** SQS SendMessage. */
  send(input: SendMessageInput): SendMessageOutput {
    const md5OfBody = createHash('md5').update(input.MessageBody).digest('hex');
    let deduplicationId = input.MessageDeduplicationId;
    if (this.spec.fifo) {
      if (!input.MessageGroupId)
        throw new QueueError(
          'MissingParameter',
          'The request must contain the parameter MessageGroupId.',
        );
      if (!deduplicationId && this.spec.contentBasedDeduplication) {
        deduplicationId = createHash('sha256').update(input.MessageBody).digest('hex');
      }
      if (!deduplicationId) {
        throw new QueueError(
          'InvalidParameterValue',
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      const now = this.#time.now();
      for (const [key, entry] of this.#deduplication) {
        if (entry.expires > now) break;
        this.#deduplication.delete(key);
      }
      const duplicate = this.#deduplication.get(deduplicationId);
      if (duplicate) return duplicate.output;
    }
    this.#sequence += 1n;
    const message: QueueMessage = {
      messageId: randomUUID(),
      body: input.MessageBody,
      md5OfBody,
      sentTimestamp: this.#time.now(),
      messageAttributes: input.MessageAttributes ?? {},
      receiveCount: 0,
      ...(this.spec.fifo
        ? {
            messageGroupId: input.MessageGroupId as string,
            messageDeduplicationId: deduplicationId as string,
            sequenceNumber: this.#sequence.toString().padStart(20, '0'),
          }
        : {}),
    };
    const output: SendMessageOutput = {
      MessageId: message.messageId,
      MD5OfMessageBody: md5OfBody,
      ...(message.sequenceNumber ? { SequenceNumber: message.sequenceNumber } : {}),
    };
    if (this.spec.fifo) {
      this.#deduplication.set(deduplicationId as string, {
        expires: this.#time.now() + DEDUPLICATION_WINDOW_MS,
        output,
      });
    }
    const delaySeconds = input.DelaySeconds ?? this.spec.delaySeconds;
    if (delaySeconds > 0 && !this.spec.fifo) {
      const cancelTimer = this.#time.setTimer(delaySeconds * 1000, () => {
        this.#delayed.delete(cancelTimer);
        this.#makeVisible(message);
      });
      this.#delayed.add(cancelTimer);
    } else {
      this.#makeVisible(message);
    }
    return output;
  }

  /**
   * SQS ReceiveMessage: up to `max` visible messages, made invisible for the visibility
   * timeout. For a FIFO queue, a message group with a message in flight gives none.
   */
  receive(
    max: number,
    visibilityTimeoutSeconds = this.spec.visibilityTimeoutSeconds,
  ): QueueMessage[] {
    const received: QueueMessage[] = [];
    if (this.visibleCount === 0) return received;
    const now = this.#time.now();
    if (!this.spec.fifo) {
      while (received.length < max && this.#visibleHead < this.#visible.length) {
        const message = this.#visible[this.#visibleHead] as QueueMessage;
        this.#visible[this.#visibleHead] = undefined as unknown as QueueMessage;
        this.#visibleHead += 1;
        received.push(message);
      }
      this.#compact();
    } else {
      // A group with a message in flight gives none; and once a group's message is left
      // behind (batch full), its later messages stay too, so each group keeps its order.
      const blocked = new Set<string>();
      for (const { message } of this.#inFlight.values())
        blocked.add(message.messageGroupId as string);
      const kept: QueueMessage[] = [];
      for (let i = this.#visibleHead; i < this.#visible.length; i++) {
        const message = this.#visible[i] as QueueMessage;
        const group = message.messageGroupId as string;
        if (received.length < max && !blocked.has(group)) {
          received.push(message);
        } else {
          blocked.add(group);
          kept.push(message);
        }
      }
      this.#visible = kept;
      this.#visibleHead = 0;
    }
    for (const message of received) {
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      const receiptHandle = `${message.messageId}#${message.receiveCount}`;
      message.receiptHandle = receiptHandle;
      const cancelTimer = this.#time.setTimer(visibilityTimeoutSeconds * 1000, () =>
        this.#expire(receiptHandle),
      );
      this.#inFlight.set(receiptHandle, { message, cancelTimer });
    }
    return received;
  }

  /** SQS DeleteMessage. Returns false when the receipt handle is no longer valid. */
  delete(receiptHandle: string): boolean {
    const entry = this.#inFlight.get(receiptHandle);
    if (!entry) return false;
    entry.cancelTimer();
    this.#inFlight.delete(receiptHandle);
    entry.message.receiptHandle = undefined;
    if (this.spec.fifo) this.#notify();
    return true;
  }

  /** Drops every message and timer. */
  close(): void {
    this.#closed = true;
    for (const { cancelTimer } of this.#inFlight.values()) cancelTimer();
    for (const cancelTimer of this.#delayed) cancelTimer();
    this.#inFlight.clear();
    this.#delayed.clear();
    this.#visible = [];
    this.#visibleHead = 0;
    this.#listeners.clear();
  }

  /** The visibility timeout of an in-flight message ran out: back to the queue, or to the DLQ. */
  #expire(receiptHandle: string): void {
    const entry = this.#inFlight.get(receiptHandle);
    if (!entry) return;
    this.#inFlight.delete(receiptHandle);
    const { message } = entry;
    message.receiptHandle = undefined;
    const redrive = this.spec.redrivePolicy;
    if (redrive && this.#deadLetterQueue && message.receiveCount >= redrive.maxReceiveCount) {
      this.#deadLetterQueue.#moveIn(message);
      if (this.spec.fifo) this.#notify();
      return;
    }
    this.#makeVisible(message);
  }

  /** Receives a message redriven from a source queue (keeping its id and body). */
  #moveIn(message: QueueMessage): void {
    this.#makeVisible({ ...message, receiveCount: 0, receiptHandle: undefined });
  }

  #makeVisible(message: QueueMessage): void {
    if (this.#closed) return;
    if (this.spec.fifo && message.sequenceNumber) {
      // Keep sequence order, so a returned message goes back before its group's later ones.
      let index = this.#visible.length;
      while (
        index > this.#visibleHead &&
        ((this.#visible[index - 1] as QueueMessage).sequenceNumber ?? '') > message.sequenceNumber
      ) {
        index -= 1;
      }
      this.#visible.splice(index, 0, message);
    } else {
      this.#visible.push(message);
    }
    this.#notify();
  }

  #compact(): void {
    if (this.#visibleHead > 1024 && this.#visibleHead * 2 > this.#visible.length) {
      this.#visible = this.#visible.slice(this.#visibleHead);
      this.#visibleHead = 0;
    } else if (this.#visibleHead === this.#visible.length) {
      this.#visible = [];
      this.#visibleHead = 0;
    }
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** An SQS error, named as the SQS API names it. */
export class QueueError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
    this.code = code;
  }
}
