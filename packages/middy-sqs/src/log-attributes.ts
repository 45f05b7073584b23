import { redactToken, scrubToken, TaskTokenError, toTaskFailure } from '@sfn-callback/task-token';
import type { SQSRecord } from 'aws-lambda';
import { correlationOf } from './correlation.js';
import type { LogAttributes } from './logger.js';

/**
 * The attributes of a record's log lines: its message id, the token redacted, the execution
 * and state the token belongs to when the message named them, the error described.
 */
export function logAttributes(record: SQSRecord, token: string, error?: unknown): LogAttributes {
  const attributes: LogAttributes = {
    messageId: record.messageId,
    token: redactToken(token),
    ...correlationOf(record),
  };
  if (error !== undefined) attributes.error = describeError(error, token);
  return attributes;
}

/** An error as a plain object for logs: name, message (token scrubbed), code; no stack. */
export function describeError(error: unknown, token: string | undefined): LogAttributes {
  if (error instanceof Error) {
    const described: LogAttributes = { name: error.name, message: safeMessage(error, token) };
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') described.code = code;
    if (error instanceof TaskTokenError) described.retryable = error.retryable;
    return described;
  }
  return { name: 'NonError', message: safeMessage(error, token) };
}

/** An error's message (a non-Error's text), with the token scrubbed out of it. */
export function safeMessage(error: unknown, token: string | undefined): string {
  const text = error instanceof Error ? error.message : toTaskFailure(error).cause;
  return token ? scrubToken(text, token) : text;
}
