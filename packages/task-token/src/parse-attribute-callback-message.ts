import { TASK_TOKEN_FIELD } from './envelope.js';
import { InvalidCallbackMessageError } from './errors.js';
import type { CallbackMessageParseResult } from './parse-callback-message.js';
import { taskTokenProblem } from './validate-token.js';

/** The parts of an SQS message (an SQS record of a Lambda event) this parser reads. */
export interface AttributeCallbackMessage {
  /** The message body: the input, as JSON. */
  readonly body: string;
  /** The message attributes, one of which holds the task token as a string. */
  readonly messageAttributes?: Readonly<Record<string, { readonly stringValue?: string }>>;
}

/** Where the token is in an {@link AttributeCallbackMessage}. */
export interface AttributeCallbackMessageOptions {
  /**
   * Name of the string message attribute that holds the task token.
   * @default 'TaskToken'
   */
  readonly attributeName?: string;
}

/**
 * Reads a callback message whose task token travels in a string message attribute and
 * whose whole body (JSON) is the input: the other layout a callback task can send, next to
 * the {@link CallbackMessage} envelope that {@link parseCallbackMessage} reads. It never
 * throws, and answers as {@link parseCallbackMessage} does: `{ ok: true, token, input }`,
 * or `{ ok: false, error }` with `token` when the token was valid but the body is not JSON
 * (so the task can be failed).
 *
 * @example
 * ```ts
 * const parsed = parseAttributeCallbackMessage(record, { attributeName: 'TaskToken' });
 * if (parsed.ok) await tasks.succeed(parsed.token, await work(parsed.input));
 * ```
 */
export function parseAttributeCallbackMessage(
  message: AttributeCallbackMessage,
  options: AttributeCallbackMessageOptions = {},
): CallbackMessageParseResult {
  const attributeName = options.attributeName ?? TASK_TOKEN_FIELD;
  const token = message.messageAttributes?.[attributeName]?.stringValue;
  const problem = taskTokenProblem(token);
  if (problem) {
    return {
      ok: false,
      error: new InvalidCallbackMessageError(
        `The message attribute "${attributeName}" ${problem[0]}`,
        token === undefined ? 'token-missing' : 'token-invalid',
      ),
    };
  }
  // taskTokenProblem found nothing wrong: the attribute holds a valid token.
  const validToken = token as string;
  try {
    return { ok: true, token: validToken, input: JSON.parse(message.body) };
  } catch (cause) {
    return {
      ok: false,
      token: validToken,
      error: new InvalidCallbackMessageError(
        `The message body is not JSON (${(cause as Error).message}); the body must be the input as JSON.`,
        'not-json',
      ),
    };
  }
}
