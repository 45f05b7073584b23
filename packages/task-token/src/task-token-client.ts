import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  type SFNClientConfig,
} from '@aws-sdk/client-sfn';
import { classifyAwsError } from './classify-aws-error.js';
import type { TaskClosedReason } from './errors.js';
import { TaskClosedError } from './errors.js';
import { retryKmsThrottling } from './kms-throttling-retry.js';
import { scrubToken } from './redact-token.js';
import { serializeTaskOutput } from './serialize-output.js';
import { type ToTaskFailureOptions, toTaskFailure } from './task-failure.js';
import { assertTaskToken } from './validate-token.js';

/**
 * What a Send* call achieved. Step Functions answers `TaskTimedOut` (or
 * `TaskDoesNotExist`) when the task was completed before, timed out, or its execution
 * ended. With SQS's at-least-once delivery a duplicate is normal, so this is a result to
 * log, not an error to retry.
 */
export type TaskResponseResult =
  | { readonly status: 'delivered' }
  | { readonly status: 'already-closed'; readonly reason: TaskClosedReason };

/** Options of {@link TaskTokenClient}. */
export interface TaskTokenClientOptions {
  /**
   * An `SFNClient` of yours (its region, credentials, retry strategy and endpoint are
   * used as they are).
   * @default a new `SFNClient(clientConfig)`
   */
  readonly client?: SFNClient;
  /**
   * Configuration of the `SFNClient` built when `client` is not given, e.g.
   * `{ maxAttempts: 5 }` or `{ retryStrategy }`. Throttling is retried by the SDK's retry
   * strategy; this package adds `KmsThrottlingException` to what it retries.
   * @default `{}`: the SDK's standard retry strategy, 3 attempts
   */
  readonly clientConfig?: SFNClientConfig;
  /**
   * Put an Error's stack trace in the cause of `fail`.
   * @default false
   */
  readonly includeStack?: boolean;
}

const DELIVERED: TaskResponseResult = Object.freeze({ status: 'delivered' });

/**
 * A typed client for the three task-response calls of Step Functions.
 *
 * Every call validates its input before any request (token, output size, error limits)
 * and throws a typed error: {@link InvalidTaskTokenError}, {@link InvalidTaskOutputError},
 * {@link TaskResponseRejectedError} (refused for good) or
 * {@link TaskResponseTransientError} (try again later). A task that is already closed is a
 * result, `{ status: 'already-closed' }`, not an error.
 *
 * @typeParam TOutput - the output your task returns; `succeed` refuses other shapes at
 * compile time.
 *
 * @example
 * ```ts
 * const tasks = new TaskTokenClient<{ approved: boolean }>();
 * const result = await tasks.succeed(token, { approved: true });
 * if (result.status === 'already-closed') logger.info('duplicate delivery');
 * ```
 */
export class TaskTokenClient<TOutput = unknown> {
  /** The SDK client the calls go through. */
  readonly sfn: SFNClient;
  readonly #includeStack: boolean;
  /** Whether the KMS-throttling marker must go on each command (a caller's client). */
  readonly #markPerCommand: boolean;

  constructor(options: TaskTokenClientOptions = {}) {
    if (options.client) {
      // A caller's client is left as it was: the marker goes on each command instead.
      this.sfn = options.client;
      this.#markPerCommand = true;
    } else {
      this.sfn = new SFNClient(options.clientConfig ?? {});
      retryKmsThrottling(this.sfn.middlewareStack);
      this.#markPerCommand = false;
    }
    this.#includeStack = options.includeStack ?? false;
  }

  /**
   * Completes the task successfully with `output` (SendTaskSuccess).
   * @throws {@link InvalidTaskTokenError}, {@link InvalidTaskOutputError} before any call;
   * {@link TaskResponseRejectedError} or {@link TaskResponseTransientError} from the call.
   */
  succeed(token: string, output: TOutput): Promise<TaskResponseResult> {
    // Not an async method: on the way of every record, one promise less. A token or an
    // output refused here still comes as a rejected promise, never as a throw.
    let command: SendTaskSuccessCommand;
    try {
      assertTaskToken(token);
      command = new SendTaskSuccessCommand({
        taskToken: token,
        output: serializeTaskOutput(output),
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#send('SendTaskSuccess', command, token);
  }

  /**
   * Fails the task (SendTaskFailure). `failure` may be anything that was thrown: an Error
   * (its name and message), `{ error, cause }`, a string, or any other value; see
   * {@link toTaskFailure}. The name is cut to 256 characters and the cause to 32,768.
   */
  async fail(
    token: string,
    failure?: unknown,
    options: ToTaskFailureOptions = {},
  ): Promise<TaskResponseResult> {
    assertTaskToken(token);
    const described = toTaskFailure(failure, {
      includeStack: options.includeStack ?? this.#includeStack,
    });
    // The execution history shows error and cause to whoever may read it: a message that
    // quotes the token (e.g. a logged request) must not hand it out there.
    const error = scrubToken(described.error, token);
    const cause = scrubToken(described.cause, token);
    return this.#send(
      'SendTaskFailure',
      new SendTaskFailureCommand({ taskToken: token, error, cause }),
      token,
    );
  }

  /** Tells Step Functions the task is still running (SendTaskHeartbeat). */
  async heartbeat(token: string): Promise<TaskResponseResult> {
    assertTaskToken(token);
    return this.#send(
      'SendTaskHeartbeat',
      new SendTaskHeartbeatCommand({ taskToken: token }),
      token,
    );
  }

  async #send(
    // Named here, not read from the class: a minified bundle renames classes.
    operation: 'SendTaskSuccess' | 'SendTaskFailure' | 'SendTaskHeartbeat',
    command: SendTaskSuccessCommand | SendTaskFailureCommand | SendTaskHeartbeatCommand,
    token: string,
  ): Promise<TaskResponseResult> {
    if (this.#markPerCommand) {
      retryKmsThrottling(command.middlewareStack as SFNClient['middlewareStack']);
    }
    try {
      // The three commands share the client's send; the union is only for the caller.
      await this.sfn.send(command as SendTaskSuccessCommand);
      return DELIVERED;
    } catch (error) {
      const classified = classifyAwsError(error, operation, token);
      if (classified instanceof TaskClosedError) {
        return { status: 'already-closed', reason: classified.reason };
      }
      throw classified;
    }
  }
}
