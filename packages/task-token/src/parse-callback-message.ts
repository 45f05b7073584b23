import {
  EXECUTION_ARN_FIELD,
  INPUT_FIELD,
  STATE_NAME_FIELD,
  TASK_TOKEN_FIELD,
} from './envelope.js';
import { InvalidCallbackMessageError, type InvalidCallbackMessageReason } from './errors.js';
import { taskTokenProblem } from './validate-token.js';

/** Where the token and the input are in a message body. */
export interface CallbackMessageFields {
  /**
   * Field of the body that holds the task token.
   * @default 'TaskToken'
   */
  readonly tokenField?: string;
  /**
   * Field of the body that holds the input.
   * @default 'Input'
   */
  readonly inputField?: string;
}

/**
 * Which execution and state a message's token belongs to, when the message says so
 * (`ExecutionArn` / `StateName` of the envelope). For logs and metrics only: absent in
 * messages from older constructs, and never a reason to refuse a message.
 */
export interface CallbackCorrelation {
  /** The execution's ARN (`$$.Execution.Id`), when the message carries a string. */
  readonly executionArn?: string;
  /** The callback state's name (`$$.State.Name`), when the message carries a string. */
  readonly stateName?: string;
}

/**
 * The result of reading a callback message. On failure, `token` is there when a valid
 * token could be read (the input was what failed), so the caller can fail the task. The
 * correlation fields are there when the message carries them.
 */
export type CallbackMessageParseResult<TInput = unknown> =
  | ({ readonly ok: true; readonly token: string; readonly input: TInput } & CallbackCorrelation)
  | ({
      readonly ok: false;
      readonly error: InvalidCallbackMessageError;
      readonly token?: string;
    } & CallbackCorrelation);

/**
 * Reads the token and the input from an SQS message body in the
 * {@link CallbackMessage} format, `{ "TaskToken": "...", "Input": ... }`. It never throws:
 * a body that is not a usable message gives `{ ok: false, error }` with an
 * {@link InvalidCallbackMessageError} saying what was wrong.
 *
 * @example
 * ```ts
 * const parsed = parseCallbackMessage(record.body);
 * if (!parsed.ok) throw parsed.error; // poison: let it reach the DLQ
 * await tasks.succeed(parsed.token, await work(parsed.input));
 * ```
 */
export function parseCallbackMessage(
  body: string,
  fields: CallbackMessageFields = {},
): CallbackMessageParseResult {
  const tokenField = fields.tokenField ?? TASK_TOKEN_FIELD;
  const inputField = fields.inputField ?? INPUT_FIELD;
  const invalid = (message: string, reason: InvalidCallbackMessageReason) =>
    ({ ok: false, error: new InvalidCallbackMessageError(message, reason) }) as const;
  // A body that is no envelope at all: each case says so with the same instruction.
  const notEnvelope = (problem: string, reason: InvalidCallbackMessageReason) =>
    invalid(
      `The message body ${problem}; send a JSON object with "${tokenField}" and "${inputField}".`,
      reason,
    );
  // A field the state machine does not send: name the JSONPath that sends it.
  const missing = (field: string, path: string) =>
    `The message has no "${field}"; send "${field}.$": "${path}" from the state machine.`;

  if (typeof body !== 'string' || !body.trim()) return notEnvelope('is empty', 'empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    return notEnvelope(`is not JSON (${(cause as Error).message})`, 'not-json');
  }
  const kind = Array.isArray(parsed) ? 'array' : parsed === null ? 'null' : typeof parsed;
  if (kind !== 'object') return notEnvelope(`is a JSON ${kind}`, 'not-an-object');
  const message = parsed as Record<string, unknown>;
  if (!(tokenField in message)) {
    return invalid(missing(tokenField, '$$.Task.Token'), 'token-missing');
  }
  const value = message[tokenField];
  const problem = taskTokenProblem(value);
  if (problem) return invalid(`The message's "${tokenField}" ${problem[0]}`, 'token-invalid');
  // taskTokenProblem found nothing wrong: the field holds a valid token.
  const token = value as string;
  if (!(inputField in message)) {
    return withCorrelation(message, {
      ...invalid(missing(inputField, '$'), 'input-missing'),
      token,
    });
  }
  return withCorrelation(message, { ok: true, token, input: message[inputField] });
}

/**
 * Adds the envelope's correlation fields that are strings to `result` (others are ignored):
 * no object more than the result, and no key at all for an older message without them.
 */
function withCorrelation<T extends object>(
  message: Record<string, unknown>,
  result: T,
): T & CallbackCorrelation {
  const correlated = result as T & { executionArn?: string; stateName?: string };
  const executionArn = message[EXECUTION_ARN_FIELD];
  const stateName = message[STATE_NAME_FIELD];
  if (typeof executionArn === 'string') correlated.executionArn = executionArn;
  if (typeof stateName === 'string') correlated.stateName = stateName;
  return correlated;
}
