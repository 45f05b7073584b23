/** A message published to a local topic (SNS Publish), as recorded. */
export interface TopicMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly message: string;
  readonly subject?: string;
  readonly timestamp: Date;
  /** The execution whose state published it, when a state machine did. */
  readonly executionArn?: string;
  /** The state that published it. */
  readonly stateName?: string;
}

/** An event put on a local event bus (EventBridge PutEvents), as recorded. */
export interface BusEvent {
  readonly eventId: string;
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  /** The `Detail` as JSON text. */
  readonly detail: string;
  readonly resources: readonly string[];
  readonly timestamp: Date;
  /** The execution whose state put it. */
  readonly executionArn?: string;
  readonly stateName?: string;
}

/** A message a state sent to a local queue (SQS SendMessage), as the store keeps it. */
export interface SentQueueMessage {
  readonly queueUrl: string;
  readonly messageId: string;
  /** The message body as sent. */
  readonly body: string;
  readonly stateName: string;
  readonly timestamp: Date;
}
