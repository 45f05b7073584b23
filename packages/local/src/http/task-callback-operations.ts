import type { Json } from '@sfn-callback/asl';
import {
  TASK_FAILURE_CAUSE_MAX_LENGTH,
  TASK_FAILURE_ERROR_MAX_LENGTH,
  TASK_OUTPUT_MAX_BYTES,
  TASK_TOKEN_MAX_LENGTH,
} from '@sfn-callback/task-token';
import type { TokenRefusal, TokenRegistry } from '../engine/token-registry.js';
import { SfnApiError, validationError } from './api-error.js';
import { withInputShapes } from './input-shape.js';
import { isTooDeep, MAX_JSON_DEPTH } from './json-depth.js';
import type { SfnOperations } from './operation.js';

/** Counts of the task-callback calls answered, by operation and outcome. */
export interface CallbackCounters {
  /** e.g. `{ SendTaskSuccess: { ok: 10, TaskTimedOut: 1 } }` */
  readonly byOperation: Record<string, Record<string, number>>;
}

const REFUSAL_MESSAGES: Readonly<Record<TokenRefusal, string>> = {
  TaskTimedOut: "Task Timed Out: 'Provided task does not exist anymore'",
  InvalidToken: "Invalid Token: 'Invalid token'",
};

function requireToken(input: Record<string, unknown>): string {
  const token = input.taskToken;
  if (typeof token !== 'string' || token.length === 0) {
    throw validationError('taskToken', 'Member must have length greater than or equal to 1', '');
  }
  if (token.length > TASK_TOKEN_MAX_LENGTH) {
    throw validationError(
      'taskToken',
      `Member must have length less than or equal to ${TASK_TOKEN_MAX_LENGTH}`,
    );
  }
  return token;
}

function optionalText(
  input: Record<string, unknown>,
  member: string,
  max: number,
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(member, 'Member must be a string');
  if (value.length > max)
    throw validationError(member, `Member must have length less than or equal to ${max}`);
  return value;
}

/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat over a {@link TokenRegistry},
 * with the service's validation (token length, output size in UTF-8 bytes and JSON syntax,
 * error and cause lengths) and its errors (`TaskTimedOut`, `InvalidToken`, `InvalidOutput`).
 */
export function taskCallbackOperations(
  registry: TokenRegistry,
  counters: CallbackCounters,
): SfnOperations {
  const count = (operation: string, outcome: string) => {
    let byOutcome = counters.byOperation[operation];
    if (!byOutcome) {
      byOutcome = {};
      counters.byOperation[operation] = byOutcome;
    }
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  };
  const answer = (operation: string, refusal: TokenRefusal | undefined) => {
    count(operation, refusal ?? 'ok');
    if (refusal) throw new SfnApiError(refusal, REFUSAL_MESSAGES[refusal]);
    return {};
  };
  return withInputShapes({
    SendTaskSuccess: (input) => {
      const token = requireToken(input);
      const output = input.output;
      if (typeof output !== 'string') {
        throw validationError('output', 'Member must not be null');
      }
      if (Buffer.byteLength(output, 'utf8') > TASK_OUTPUT_MAX_BYTES) {
        throw validationError(
          'output',
          `Member must have length less than or equal to ${TASK_OUTPUT_MAX_BYTES}`,
        );
      }
      if (isTooDeep(output)) {
        count('SendTaskSuccess', 'InvalidOutput');
        throw new SfnApiError(
          'InvalidOutput',
          `Invalid Output: the output nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(output);
      } catch {
        count('SendTaskSuccess', 'InvalidOutput');
        throw new SfnApiError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
      }
      return answer('SendTaskSuccess', registry.succeed(token, parsed as Json));
    },
    SendTaskFailure: (input) => {
      const token = requireToken(input);
      const error = optionalText(input, 'error', TASK_FAILURE_ERROR_MAX_LENGTH);
      const cause = optionalText(input, 'cause', TASK_FAILURE_CAUSE_MAX_LENGTH);
      return answer('SendTaskFailure', registry.fail(token, error, cause));
    },
    SendTaskHeartbeat: (input) =>
      answer('SendTaskHeartbeat', registry.heartbeat(requireToken(input))),
  });
}
