/**
 * Construct-time checks shared by the constructs. Each throws one of the errors of
 * `errors.ts` with a message that says what to change.
 */

import { TASK_TIMEOUT_MAX_SECONDS } from '@sfn-callback/task-token/contract';
import { type Duration, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { IConstruct } from 'constructs';
import { VISIBILITY_TIMEOUT_FACTOR } from './defaults.js';
import {
  ConflictingPropsError,
  ExpressStateMachineError,
  HeartbeatNotBelowTimeoutError,
  InvalidPropError,
  InvalidTaskTimeoutError,
  VisibilityTimeoutTooShortError,
} from './errors.js';

/** Throws {@link ConflictingPropsError} when both props of an `existingXObj` / `xProps` pair are set. */
export function assertNotBoth(
  scope: IConstruct,
  props: object,
  first: string,
  second: string,
): void {
  const record = props as Record<string, unknown>;
  if (record[first] !== undefined && record[second] !== undefined) {
    throw new ConflictingPropsError(scope.node.path, first, second);
  }
}

/** Step Functions accepts `TimeoutSeconds` and `HeartbeatSeconds` from 1 to this. */
const MAX_TASK_SECONDS = TASK_TIMEOUT_MAX_SECONDS;

/** A construct, or the path a construct is about to get: where an error is reported. */
export type Where = IConstruct | string;

/** The path of a construct for error messages. */
export function pathOf(where: Where): string {
  return typeof where === 'string' ? where : where.node.path;
}

function wholeSeconds(where: Where, what: string, value: Duration): number {
  const seconds = value.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TASK_SECONDS) {
    throw new InvalidTaskTimeoutError(
      `${pathOf(where)}: ${what} must be a whole number of seconds from 1 to ${MAX_TASK_SECONDS}, got ${seconds}.`,
    );
  }
  return seconds;
}

/**
 * Checks a callback task's timeout and heartbeat: whole seconds in range, heartbeat below
 * timeout (a Step Functions rule).
 */
export function assertTaskTimeouts(where: Where, timeout: Duration, heartbeat: Duration): void {
  const timeoutSeconds = wholeSeconds(where, 'timeout', timeout);
  const heartbeatSeconds = wholeSeconds(where, 'heartbeat', heartbeat);
  if (heartbeatSeconds >= timeoutSeconds) {
    throw new HeartbeatNotBelowTimeoutError(pathOf(where), heartbeatSeconds, timeoutSeconds);
  }
}

/**
 * Throws {@link ExpressStateMachineError} when the state machine is known to be EXPRESS.
 * Express workflows do not support `.waitForTaskToken`, so a callback task in one would be
 * rejected at deployment.
 *
 * @param scope - the construct reporting the error.
 * @param stateMachine - the state machine; imported ones (type unknown) pass.
 */
export function assertStandardStateMachine(
  scope: IConstruct,
  stateMachine: sfn.IStateMachine,
): void {
  if (
    stateMachine instanceof sfn.StateMachine &&
    stateMachine.stateMachineType === sfn.StateMachineType.EXPRESS
  ) {
    throw new ExpressStateMachineError(scope.node.path);
  }
}

/** The function's timeout when the construct can know it, else `undefined` (imported functions). */
export function functionTimeoutOf(fn: lambda.IFunction): Duration | undefined {
  return fn instanceof lambda.Function ? fn.timeout : undefined;
}

/**
 * The queue's visibility timeout in seconds when it can be read from the construct tree (a
 * queue defined in this app; SQS's default of 30 s when none is set), else `undefined`.
 */
export function visibilityTimeoutSecondsOf(queue: sqs.IQueue): number | undefined {
  if (!(queue instanceof sqs.Queue)) return undefined;
  const cfn = queue.node.defaultChild as sqs.CfnQueue;
  const value = cfn.visibilityTimeout;
  if (value === undefined) return 30;
  const resolved = Stack.of(queue).resolve(value);
  return typeof resolved === 'number' ? resolved : undefined;
}

/** Whether a FIFO queue deduplicates by content, when the construct tree says; else `undefined`. */
export function contentBasedDeduplicationOf(queue: sqs.IQueue): boolean | undefined {
  if (!(queue instanceof sqs.Queue)) return undefined;
  const cfn = queue.node.defaultChild as sqs.CfnQueue;
  const resolved = Stack.of(queue).resolve(cfn.contentBasedDeduplication);
  return resolved === undefined ? false : resolved === true;
}

/**
 * Checks that a visibility timeout is at least {@link VISIBILITY_TIMEOUT_FACTOR}× the function
 * timeout. Unknown values (tokens, imported resources) are not checked.
 */
export function assertVisibilityTimeout(
  scope: IConstruct,
  visibilityTimeoutSeconds: number | undefined,
  functionTimeout: Duration | undefined,
): void {
  if (visibilityTimeoutSeconds === undefined || functionTimeout === undefined) return;
  if (Token.isUnresolved(functionTimeout)) return;
  const functionSeconds = functionTimeout.toSeconds();
  if (visibilityTimeoutSeconds < VISIBILITY_TIMEOUT_FACTOR * functionSeconds) {
    throw new VisibilityTimeoutTooShortError(
      scope.node.path,
      visibilityTimeoutSeconds,
      functionSeconds,
    );
  }
}

/** Checks an integer prop against a range; `undefined` passes. */
export function assertIntegerInRange(
  scope: IConstruct,
  name: string,
  value: number | undefined,
  min: number,
  max: number,
): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidPropError(
      `${scope.node.path}: \`${name}\` must be an integer from ${min} to ${max}, got ${value}.`,
    );
  }
}
