import { INPUT_FIELD, TASK_TOKEN_FIELD } from './envelope.js';
import { InvalidCallbackMessageError, TaskTokenError } from './errors.js';
import { assertTaskToken } from './validate-token.js';

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
 * The result of reading a callback message. On failure, `token` is there when a valid
 * token could be read (the input was what failed), so the caller can fail the task.
 */
export type CallbackMessageParseResult<TInput = unknown> =
  | { readonly ok: true; readonly token: string; readonly input: TInput }
  | { readonly ok: false; readonly error: InvalidCallbackMessageError; readonly token?: string };

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
  const invalid = (message: string, reason: InvalidCallbackMessageError['reason']) =>
    ({ ok: false, error: new InvalidCallbackMessageError(message, reason) }) as const;

  if (typeof body !== 'string' || body.trim().length === 0) {
    return invalid(
      `The message body is empty; a callback message is a JSON object with "${tokenField}" and "${inputField}".`,
      'empty',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    return invalid(
      `The message body is not JSON (${(cause as Error).message}); a callback message is a JSON object with "${tokenField}" and "${inputField}".`,
      'not-json',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed;
    return invalid(
      `The message body is JSON but ${kind}, not an object with "${tokenField}" and "${inputField}".`,
      'not-an-object',
    );
  }
  const message = parsed as Record<string, unknown>;
  if (!(tokenField in message)) {
    return invalid(
      `The message has no "${tokenField}" field. Send "${tokenField}.$": "$$.Task.Token" from the state machine.`,
      'token-missing',
    );
  }
  const token = message[tokenField];
  try {
    assertTaskToken(token);
  } catch (error) {
    if (!(error instanceof TaskTokenError)) throw error;
    return invalid(
      `The message's "${tokenField}" is not a task token: ${error.message}`,
      'token-invalid',
    );
  }
  if (!(inputField in message)) {
    return {
      ok: false,
      token,
      error: new InvalidCallbackMessageError(
        `The message has no "${inputField}" field. Send "${inputField}.$": "$" from the state machine.`,
        'input-missing',
      ),
    };
  }
  return { ok: true, token, input: message[inputField] };
}
