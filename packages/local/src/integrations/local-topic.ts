import { randomUUID } from 'node:crypto';
import type { TopicSpec } from '../assembly/app-model.js';
import type { TopicMessage } from '../model/sent-messages.js';

/** Input of {@link LocalTopic.publish}, as SNS Publish takes it. */
export interface PublishInput {
  readonly Message: unknown;
  readonly Subject?: string;
  readonly MessageGroupId?: string;
  readonly MessageDeduplicationId?: string;
}

/**
 * An SNS topic that records what is published to it (the last `retain` messages). There are
 * no subscriptions: the runner shows the messages instead of delivering them.
 */
export class LocalTopic {
  readonly spec: TopicSpec;
  readonly #messages: TopicMessage[] = [];
  readonly #retain: number;
  #published = 0;

  constructor(spec: TopicSpec, retain = 1000) {
    this.spec = spec;
    this.#retain = retain;
  }

  /** Messages published so far (the last ones retained), oldest first. */
  get messages(): readonly TopicMessage[] {
    return this.#messages;
  }

  /** How many messages were published in all. */
  get publishedCount(): number {
    return this.#published;
  }

  /** SNS Publish. */
  publish(
    input: PublishInput,
    origin: { executionArn?: string; stateName?: string } = {},
  ): TopicMessage {
    const message: TopicMessage = {
      messageId: randomUUID(),
      topicArn: this.spec.arn,
      message: typeof input.Message === 'string' ? input.Message : JSON.stringify(input.Message),
      timestamp: new Date(),
      ...(input.Subject !== undefined ? { subject: input.Subject } : {}),
      ...origin,
    };
    this.#published += 1;
    this.#messages.push(message);
    if (this.#messages.length > this.#retain)
      this.#messages.splice(0, this.#messages.length - this.#retain);
    return message;
  }
}
