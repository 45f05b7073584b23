/**
 * The SQS message envelope shared by the CDK construct (which builds it) and the handler
 * (which parses it). It is defined here once: the construct and the parser both use these
 * names, so the two cannot drift apart.
 *
 * ```json
 * { "TaskToken": "<token>", "Input": <the state's input> }
 * ```
 */

/** Field of the message body that carries the task token. */
export const TASK_TOKEN_FIELD = 'TaskToken';

/** Field of the message body that carries the callback state's input. */
export const INPUT_FIELD = 'Input';

/**
 * The SQS message body that a callback task sends.
 *
 * @typeParam TInput - the state's input, as the worker receives it.
 */
export interface CallbackMessage<TInput = unknown> {
  /** The task token, as the state machine context gives it (`$$.Task.Token`). */
  readonly TaskToken: string;
  /** The callback state's input. */
  readonly Input: TInput;
}

/**
 * JSONPath expressions that build a {@link CallbackMessage} in a state's `Parameters`
 * (JSONPath query language): the token from the context object, the input from the state.
 */
export const CALLBACK_MESSAGE_JSONPATH = {
  [`${TASK_TOKEN_FIELD}.$`]: '$$.Task.Token',
  [`${INPUT_FIELD}.$`]: '$',
} as const;

/**
 * JSONata expressions that build a {@link CallbackMessage} in a state's `Arguments`
 * (JSONata query language).
 */
export const CALLBACK_MESSAGE_JSONATA = {
  [TASK_TOKEN_FIELD]: '{% $states.context.Task.Token %}',
  [INPUT_FIELD]: '{% $states.input %}',
} as const;
