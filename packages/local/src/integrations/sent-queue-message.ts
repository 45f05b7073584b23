/** A message a state sent to a local queue (SQS SendMessage), as the store keeps it. */
export interface SentQueueMessage {
  readonly queueUrl: string;
  readonly messageId: string;
  /** The message body as sent. */
  readonly body: string;
  readonly stateName: string;
  readonly timestamp: Date;
}
