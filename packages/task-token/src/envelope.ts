/**
 * The SQS message envelope shared by the CDK construct (which builds it) and the handler
 * (which parses it). It is defined here once: the construct and the parser both use these
 * names, so the two cannot drift apart.
 *
 * ```json
 * { "TaskToken": "<token>", "Input": <the state's input>,
 *   "ExecutionArn": "<$$.Execution.Id>", "StateName": "<$$.State.Name>" }
 * ```
 *
 * `ExecutionArn` and `StateName` are for correlation only (logs and metrics name the
 * execution and the state a token belongs to); they are optional, so messages from older
 * constructs, which carry only `TaskToken` and `Input`, still parse.
 */

/** Field of the message body that carries the task token. */
export const TASK_TOKEN_FIELD = 'TaskToken';

/** Field of the message body that carries the callback state's input. */
export const INPUT_FIELD = 'Input';

/** Field of the message body that carries the execution's ARN (`$$.Execution.Id`). */
export const EXECUTION_ARN_FIELD = 'ExecutionArn';

/** Field of the message body that carries the callback state's name (`$$.State.Name`). */
export const STATE_NAME_FIELD = 'StateName';

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
  /**
   * ARN of the execution the token belongs to (`$$.Execution.Id`), for correlation.
   * @default absent in messages from constructs before this field existed
   */
  readonly ExecutionArn?: string;
  /**
   * Name of the callback state (`$$.State.Name`), for correlation.
   * @default absent in messages from constructs before this field existed
   */
  readonly StateName?: string;
}

/** The envelope's field names. */
type EnvelopeField =
  | typeof TASK_TOKEN_FIELD
  | typeof INPUT_FIELD
  | typeof EXECUTION_ARN_FIELD
  | typeof STATE_NAME_FIELD;

// The keys below are literals (so a worker bundle that only parses messages can leave these
// objects out); `satisfies` checks them against the field names above, every one, no other.

/**
 * JSONPath expressions that build a {@link CallbackMessage} in a state's `Parameters`
 * (JSONPath query language): the token, the execution and the state name from the context
 * object, the input from the state.
 */
export const CALLBACK_MESSAGE_JSONPATH = {
  'TaskToken.$': '$$.Task.Token',
  'Input.$': '$',
  'ExecutionArn.$': '$$.Execution.Id',
  'StateName.$': '$$.State.Name',
} as const satisfies Record<`${EnvelopeField}.$`, string>;

/**
 * JSONata expressions that build a {@link CallbackMessage} in a state's `Arguments`
 * (JSONata query language).
 */
export const CALLBACK_MESSAGE_JSONATA = {
  TaskToken: '{% $states.context.Task.Token %}',
  Input: '{% $states.input %}',
  ExecutionArn: '{% $states.context.Execution.Id %}',
  StateName: '{% $states.context.State.Name %}',
} as const satisfies Record<EnvelopeField, string>;
