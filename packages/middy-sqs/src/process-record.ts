import {
  assertTaskToken,
  type CallbackMessageParseResult,
  InvalidCallbackMessageError,
  InvalidTaskOutputError,
  parseCallbackMessage,
  redactToken,
  scrubToken,
  TaskClosedError,
  TaskResponseRejectedError,
  type TaskResponseResult,
  TaskResponseTransientError,
  type TaskTokenClient,
  TaskTokenError,
  toTaskFailure,
  validateCallbackInput,
  withHeartbeat,
} from '@sfn-callback/task-token';
import type { Context, SQSRecord } from 'aws-lambda';
import { correlationOf, rememberCorrelation } from './correlation.js';
import {
  isRetryableError,
  RecordNotProcessedError,
  type RecordNotProcessedReason,
  TimeRunningOutError,
} from './errors.js';
import { isLevelEnabled, type LogAttributes } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { OutcomeTally } from './outcome-tally.js';
import { type RecordOutcome, SUCCEEDED } from './record-outcome.js';
import type { TimeGuard } from './time-guard.js';
import type { CallbackContext, CallbackFunction } from './types.js';

/** Processes one record: parse, validate, run the function, answer Step Functions. */
export type RecordProcessor = (
  record: SQSRecord,
  lambdaContext: Context,
  guard: TimeGuard,
  tally?: OutcomeTally,
) => Promise<RecordOutcome>;

type Extracted = CallbackMessageParseResult;

const DROPPED: RecordOutcome = Object.freeze({ status: 'dropped' });
const EMPTY_OUTPUT = Object.freeze({});

/**
 * Builds the function that processes one record, following the behaviour table:
 *
 * | outcome | call | record |
 * |---|---|---|
 * | function returns | SendTaskSuccess(output) | done |
 * | function throws | SendTaskFailure(name, message) | done |
 * | function throws a retryable error | none | batch item failure |
 * | no usable token | none | batch item failure (or dropped, if configured) |
 * | token, but no input / input fails the schema | SendTaskFailure | done |
 * | TaskTimedOut / TaskDoesNotExist | none more | done, "already closed" |
 * | throttled / network after the SDK's retries | — | batch item failure |
 * | Lambda time nearly out before start | none | batch item failure |
 */
export function createRecordProcessor(
  fn: CallbackFunction<unknown, unknown>,
  client: TaskTokenClient,
  options: ResolvedOptions,
): RecordProcessor {
  const { logger, tokenLocation, schema, heartbeatIntervalSeconds, includeStack } = options;
  const logSuccess = isLevelEnabled(logger, 'debug');

  const extract = (record: SQSRecord): Extracted => {
    if (tokenLocation.from === 'body') return parseCallbackMessage(record.body, tokenLocation);
    const token = record.messageAttributes?.[tokenLocation.attributeName]?.stringValue;
    try {
      assertTaskToken(token);
    } catch (error) {
      return {
        ok: false,
        error: new InvalidCallbackMessageError(
          `The message attribute "${tokenLocation.attributeName}" is not a task token: ${(error as Error).message}`,
          token === undefined ? 'token-missing' : 'token-invalid',
        ),
      };
    }
    try {
      return { ok: true, token, input: JSON.parse(record.body) };
    } catch (cause) {
      return {
        ok: false,
        token,
        error: new InvalidCallbackMessageError(
          `The message body is not JSON (${(cause as Error).message}); with the token in a message attribute the body is the input.`,
          'not-json',
        ),
      };
    }
  };

  const notProcessed = (
    record: SQSRecord,
    reason: RecordNotProcessedReason,
    message: string,
    cause?: unknown,
  ): RecordOutcome => ({
    status: 'not-processed',
    error: new RecordNotProcessedError(
      reason,
      record.messageId,
      message,
      cause === undefined ? undefined : { cause },
    ),
  });

  /** Turns an error thrown by a Send* call into an outcome. */
  const fromSendError = (
    record: SQSRecord,
    token: string,
    operation: string,
    error: unknown,
  ): RecordOutcome => {
    const attributes = logAttributes(record, token, error);
    if (error instanceof TaskResponseTransientError) {
      logger.warn(
        `${operation} did not get through; the record will be delivered again`,
        attributes,
      );
      return notProcessed(
        record,
        'task-response-transient',
        `${operation} did not get through: ${error.message}`,
        error,
      );
    }
    if (error instanceof TaskResponseRejectedError) {
      logger.error(
        `${operation} was refused by Step Functions; the record will be delivered again, then reach the DLQ`,
        attributes,
      );
      return notProcessed(
        record,
        'task-response-rejected',
        `${operation} was refused: ${error.message}`,
        error,
      );
    }
    logger.error(
      `${operation} failed unexpectedly; the record will be delivered again`,
      attributes,
    );
    return notProcessed(record, 'unexpected', `${operation} failed unexpectedly`, error);
  };

  const closed = (
    record: SQSRecord,
    token: string,
    result: TaskResponseResult & { status: 'already-closed' },
    operation: string,
  ): RecordOutcome => {
    logger.info(
      'task already closed (duplicate delivery, timed out, or execution ended); record done',
      {
        ...logAttributes(record, token),
        operation,
        reason: result.reason,
      },
    );
    return { status: 'already-closed', reason: result.reason };
  };

  const failTask = async (
    record: SQSRecord,
    token: string,
    failure: unknown,
    logMessage: string,
  ): Promise<RecordOutcome> => {
    let result: TaskResponseResult;
    try {
      result = await client.fail(token, failure, { includeStack });
    } catch (error) {
      return fromSendError(record, token, 'SendTaskFailure', error);
    }
    if (result.status === 'already-closed') return closed(record, token, result, 'SendTaskFailure');
    const { error } = toTaskFailure(failure);
    logger.warn(logMessage, { ...logAttributes(record, token, failure), outcome: 'failed' });
    return { status: 'failed', error };
  };

  const succeedTask = async (
    record: SQSRecord,
    token: string,
    output: unknown,
  ): Promise<RecordOutcome> => {
    let result: TaskResponseResult;
    try {
      result = await client.succeed(token, output === undefined ? EMPTY_OUTPUT : output);
    } catch (error) {
      if (error instanceof InvalidTaskOutputError) {
        return await failTask(
          record,
          token,
          error,
          'the output cannot be sent (not JSON or over 262,144 bytes); task failed',
        );
      }
      return fromSendError(record, token, 'SendTaskSuccess', error);
    }
    if (result.status === 'already-closed') return closed(record, token, result, 'SendTaskSuccess');
    if (logSuccess) {
      logger.debug('task succeeded', { ...logAttributes(record, token), outcome: 'succeeded' });
    }
    return SUCCEEDED;
  };

  const runFunction = async (
    record: SQSRecord,
    lambdaContext: Context,
    guard: TimeGuard,
    token: string,
    input: unknown,
    tally: OutcomeTally | undefined,
  ): Promise<RecordOutcome> => {
    const context = new RecordContext(record, lambdaContext, token, client, guard, tally);
    let output: unknown;
    try {
      if (heartbeatIntervalSeconds === undefined) {
        output = await fn(input, context);
      } else {
        output = await withHeartbeat(
          async (signal) => {
            context.useSignal(signal);
            return fn(input, context);
          },
          {
            client,
            token,
            intervalSeconds: heartbeatIntervalSeconds,
            signal: context.ownSignal,
            onTransientError: (error) => {
              tally?.heartbeatFailed();
              logger.warn(
                'heartbeat did not get through; will try again',
                logAttributes(record, token, error),
              );
            },
          },
        );
      }
    } catch (error) {
      const abortReason = context.abortReason;
      if (abortReason instanceof TaskClosedError) {
        logger.info('task already closed while the function ran; record done', {
          ...logAttributes(record, token, error),
          reason: abortReason.reason,
        });
        return { status: 'already-closed', reason: abortReason.reason };
      }
      if (abortReason instanceof TimeRunningOutError) {
        logger.warn(
          'the function was interrupted: Lambda time nearly out; the record will be delivered again',
          logAttributes(record, token, error),
        );
        return notProcessed(
          record,
          'interrupted-by-time',
          'the function was interrupted: Lambda time nearly out',
          error,
        );
      }
      if (
        isRetryableError(error) ||
        (error instanceof TaskTokenError && error.retryable) ||
        options.isRetryable?.(error) === true
      ) {
        logger.warn(
          'the function threw a retryable error; the record will be delivered again',
          logAttributes(record, token, error),
        );
        return notProcessed(
          record,
          'retryable-error',
          `the function threw a retryable error: ${safeMessage(error, token)}`,
          error,
        );
      }
      return await failTask(record, token, error, 'the function threw; task failed');
    } finally {
      context.dispose();
    }
    return await succeedTask(record, token, output);
  };

  return async (record, lambdaContext, guard, tally) => {
    try {
      if (!guard.canStart()) {
        logger.warn('not started: Lambda time nearly out; the record will be delivered again', {
          messageId: record.messageId,
        });
        return notProcessed(record, 'time-running-out', 'not started: Lambda time nearly out');
      }
      const extracted = extract(record);
      rememberCorrelation(record, extracted);
      if (!extracted.ok) {
        if (extracted.token !== undefined) {
          return await failTask(
            record,
            extracted.token,
            extracted.error,
            'the message has a token but no usable input; task failed',
          );
        }
        const attributes: LogAttributes = {
          messageId: record.messageId,
          error: describeError(extracted.error, undefined),
        };
        if (options.onInvalidMessage === 'drop') {
          logger.error(
            'the message has no usable task token; dropped (onInvalidMessage: drop)',
            attributes,
          );
          return DROPPED;
        }
        logger.error(
          'the message has no usable task token; it will reach the dead-letter queue',
          attributes,
        );
        return notProcessed(record, 'invalid-message', extracted.error.message, extracted.error);
      }
      const { token } = extracted;
      let input = extracted.input;
      if (schema !== undefined) {
        const checked = await validateCallbackInput(schema, input);
        if (!checked.ok)
          return await failTask(
            record,
            token,
            checked.error,
            'the input does not match the schema; task failed',
          );
        input = checked.value;
      }
      return await runFunction(record, lambdaContext, guard, token, input, tally);
    } catch (error) {
      // Only a bug in the wrapper or a logger that throws gets here.
      return notProcessed(record, 'unexpected', 'the record could not be processed', error);
    }
  };
}

/**
 * The {@link CallbackContext} given to the function. Its abort signal, the heartbeat
 * function and the redacted token are created on first use: most functions read none of
 * them, and the allocations are a measurable share of the per-record cost.
 */
class RecordContext implements CallbackContext {
  readonly record: SQSRecord;
  readonly lambdaContext: Context;
  readonly #token: string;
  readonly #client: TaskTokenClient;
  readonly #guard: TimeGuard;
  readonly #tally: OutcomeTally | undefined;
  #controller: AbortController | undefined;
  #unlink: (() => void) | undefined;
  #signalOverride: AbortSignal | undefined;
  #heartbeat: (() => Promise<TaskResponseResult>) | undefined;
  #redacted: string | undefined;

  constructor(
    record: SQSRecord,
    lambdaContext: Context,
    token: string,
    client: TaskTokenClient,
    guard: TimeGuard,
    tally: OutcomeTally | undefined,
  ) {
    this.record = record;
    this.#tally = tally;
    this.lambdaContext = lambdaContext;
    this.#token = token;
    this.#client = client;
    this.#guard = guard;
  }

  get messageId(): string {
    return this.record.messageId;
  }

  get redactedToken(): string {
    this.#redacted ??= redactToken(this.#token);
    return this.#redacted;
  }

  get heartbeat(): () => Promise<TaskResponseResult> {
    this.#heartbeat ??= async () => {
      let result: TaskResponseResult;
      try {
        result = await this.#client.heartbeat(this.#token);
      } catch (error) {
        this.#tally?.heartbeatFailed();
        throw error;
      }
      if (result.status === 'already-closed') {
        this.#ownController().abort(new TaskClosedError(result.reason));
      }
      return result;
    };
    return this.#heartbeat;
  }

  get signal(): AbortSignal {
    return this.#signalOverride ?? this.ownSignal;
  }

  /** This record's own signal: aborted by a closed-task heartbeat or by the time guard. */
  get ownSignal(): AbortSignal {
    return this.#ownController().signal;
  }

  /** Gives the function another signal (the heartbeat helper's, which follows ours). */
  useSignal(signal: AbortSignal): void {
    this.#signalOverride = signal;
  }

  /** Why the function's signal aborted, if it was created and did. */
  get abortReason(): unknown {
    const signal = this.#signalOverride ?? this.#controller?.signal;
    return signal?.aborted ? signal.reason : undefined;
  }

  dispose(): void {
    this.#unlink?.();
  }

  #ownController(): AbortController {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      this.#controller = controller;
      const parent = this.#guard.signal;
      if (parent.aborted) controller.abort(parent.reason);
      else {
        const forward = () => controller.abort(parent.reason);
        parent.addEventListener('abort', forward, { once: true });
        this.#unlink = () => parent.removeEventListener('abort', forward);
      }
    }
    return this.#controller;
  }
}

/**
 * The keys of a record's log lines: message id, redacted token, and the execution and
 * state the token belongs to when the message named them.
 */
function logAttributes(record: SQSRecord, token: string, error?: unknown): LogAttributes {
  const attributes: LogAttributes = {
    messageId: record.messageId,
    token: redactToken(token),
    ...correlationOf(record),
  };
  if (error !== undefined) attributes.error = describeError(error, token);
  return attributes;
}

/** An error as a plain object for logs: name, message (token scrubbed), code; no stack. */
function describeError(error: unknown, token: string | undefined): LogAttributes {
  if (error instanceof Error) {
    const described: LogAttributes = { name: error.name, message: safeMessage(error, token) };
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') described.code = code;
    if (error instanceof TaskTokenError) described.retryable = error.retryable;
    return described;
  }
  return { name: 'NonError', message: safeMessage(error, token) };
}

function safeMessage(error: unknown, token: string | undefined): string {
  const text = error instanceof Error ? error.message : toTaskFailure(error).cause;
  return token ? scrubToken(text, token) : text;
}
