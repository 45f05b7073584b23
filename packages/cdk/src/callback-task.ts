/**
 * The callback task: a chainable state that sends `{ TaskToken, Input }` to an SQS queue and
 * waits for `SendTaskSuccess` / `SendTaskFailure` (the `.waitForTaskToken` pattern).
 */
import type { Duration } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { callbackMessageBody } from './callback-message.js';
import { DEFAULT_HEARTBEAT, DEFAULT_TASK_TIMEOUT } from './defaults.js';
import { FifoQueueError } from './errors.js';
import { assertTaskTimeouts, contentBasedDeduplicationOf } from './validation.js';

/** The task fields a {@link CallbackTask} owns: the integration pattern and the timeouts it sets itself. */
type OwnedTaskFields =
  | 'integrationPattern'
  | 'taskTimeout'
  | 'heartbeatTimeout'
  | 'timeout'
  | 'heartbeat';

/** What a {@link CallbackTask} takes on top of a task's state options, whatever its query language. */
export interface CallbackTaskOptions {
  /** The queue the message goes to; a {@link CallbackWorker}'s `queue`, or any SQS queue. */
  readonly queue: sqs.IQueue;

  /**
   * `TimeoutSeconds`: how long the task waits for its callback in all, heartbeats or not.
   * A whole number of seconds. Without it Step Functions would wait up to a year.
   *
   * @default Duration.minutes(15)
   */
  readonly timeout?: Duration;

  /**
   * `HeartbeatSeconds`: the task fails when no `SendTaskHeartbeat` (nor completion) arrives
   * for this long. AWS records that as `TaskTimedOut` with error `States.Timeout` (the same
   * name as a task timeout; `States.HeartbeatTimeout` is never emitted), so catch
   * `States.Timeout`. Counted from the start of the
   * task, so it includes the time the message waits in the queue. Must be below `timeout`.
   *
   * @default Duration.minutes(5)
   */
  readonly heartbeat?: Duration;

  /**
   * `MessageGroupId` of the message. Required for a FIFO queue (for example
   * `JsonPath.stringAt('$$.Execution.Id')`, or `'{% $states.context.Execution.Id %}'` in
   * JSONata), ignored by a standard queue.
   *
   * @default - none (standard queue)
   */
  readonly messageGroupId?: string;

  /**
   * `MessageDeduplicationId` of the message, for a FIFO queue without content-based
   * deduplication.
   *
   * @default - none: a FIFO queue must then have `contentBasedDeduplication`
   */
  readonly messageDeduplicationId?: string;

  /**
   * How long SQS keeps the message invisible before delivering it. Counts against the
   * heartbeat.
   *
   * @default - the queue's delay (0 unless set on the queue)
   */
  readonly delay?: Duration;
}

/**
 * Properties of a {@link CallbackTask}.
 *
 * Every state option of aws-cdk-lib tasks is accepted (`comment`, `stateName`, `inputPath`,
 * `outputPath`, `resultPath`, `resultSelector`, `outputs`, `assign`, `credentials`) except the
 * integration pattern (always `WAIT_FOR_TASK_TOKEN`) and the timeouts, which this interface
 * replaces with `timeout` and `heartbeat`. {@link CallbackTask.jsonata} and
 * {@link CallbackTask.jsonPath} take the narrower {@link CallbackTaskJsonataProps} and
 * {@link CallbackTaskJsonPathProps}.
 */
export interface CallbackTaskProps
  extends Omit<sfn.TaskStateBaseProps, OwnedTaskFields>,
    CallbackTaskOptions {
  /**
   * The query language of this state. The message body is built for it: JSONPath
   * `Parameters` or JSONata `Arguments`. Use the state machine's query language: a JSONata
   * state machine does not accept JSONPath states.
   *
   * @default sfn.QueryLanguage.JSON_PATH
   */
  readonly queryLanguage?: sfn.QueryLanguage;
}

/**
 * Properties of {@link CallbackTask.jsonata}: JSONata state options only (`outputs`,
 * `assign`, `comment`, `stateName`, `credentials`). The JSONPath-only fields (`inputPath`,
 * `outputPath`, `resultPath`, `resultSelector`) are not accepted: Step Functions refuses
 * them in a JSONata state.
 */
export interface CallbackTaskJsonataProps
  extends Omit<sfn.TaskStateJsonataBaseProps, OwnedTaskFields | 'queryLanguage'>,
    CallbackTaskOptions {}

/**
 * Properties of {@link CallbackTask.jsonPath}: JSONPath state options only (`inputPath`,
 * `outputPath`, `resultPath`, `resultSelector`, `assign`, `comment`, `stateName`,
 * `credentials`); JSONata's `outputs` is not accepted.
 */
export interface CallbackTaskJsonPathProps
  extends Omit<sfn.TaskStateJsonPathBaseProps, OwnedTaskFields | 'queryLanguage'>,
    CallbackTaskOptions {}

/**
 * A state that sends the callback message `{ TaskToken, Input }` to a queue with the
 * `WAIT_FOR_TASK_TOKEN` integration pattern, with `TimeoutSeconds` and `HeartbeatSeconds` set.
 * It is chainable like any task (`.next()`, `.addCatch()`, `.addRetry()`), for JSONPath and
 * JSONata state machines, and it grants the state machine `sqs:SendMessage` on the queue (and
 * `kms:GenerateDataKey*` / `kms:Decrypt` on its key when the queue has a customer-managed key).
 *
 * @example
 * const task = new CallbackTask(this, 'Start Task And Wait For Callback', { queue: worker.queue });
 * new sfn.StateMachine(this, 'Machine', {
 *   definitionBody: sfn.DefinitionBody.fromChainable(task.next(new sfn.Succeed(this, 'Done'))),
 * });
 */
export class CallbackTask extends tasks.SqsSendMessage {
  /** The queue the callback message is sent to. */
  readonly queue: sqs.IQueue;
  /** `TimeoutSeconds` of this state, as a duration. */
  readonly timeoutDuration: Duration;
  /** `HeartbeatSeconds` of this state, as a duration. */
  readonly heartbeatDuration: Duration;
  /** The query language the message body was built for. */
  readonly callbackQueryLanguage: sfn.QueryLanguage;

  /**
   * A callback task in JSONPath (`Parameters`), like aws-cdk-lib's `*.jsonPath` factories.
   *
   * @param scope - the parent construct.
   * @param id - the construct id, also the state name unless `stateName` is given.
   * @param props - see {@link CallbackTaskJsonPathProps}; `queryLanguage` is JSONPath.
   */
  static override jsonPath(
    scope: Construct,
    id: string,
    props: CallbackTaskJsonPathProps,
  ): CallbackTask {
    return new CallbackTask(scope, id, { ...props, queryLanguage: sfn.QueryLanguage.JSON_PATH });
  }

  /**
   * A callback task in JSONata (`Arguments`), like aws-cdk-lib's `*.jsonata` factories.
   *
   * @param scope - the parent construct.
   * @param id - the construct id, also the state name unless `stateName` is given.
   * @param props - see {@link CallbackTaskJsonataProps}; `queryLanguage` is JSONata, and
   *   the JSONPath-only fields are not accepted.
   */
  static override jsonata(
    scope: Construct,
    id: string,
    props: CallbackTaskJsonataProps,
  ): CallbackTask {
    return new CallbackTask(scope, id, { ...props, queryLanguage: sfn.QueryLanguage.JSONATA });
  }

  /**
   * @param scope - the parent construct.
   * @param id - the construct id, also the state name unless `stateName` is given.
   * @param props - see {@link CallbackTaskProps}.
   * @throws HeartbeatNotBelowTimeoutError when `heartbeat` is not below `timeout`.
   * @throws InvalidTaskTimeoutError when either is not a whole number of seconds in range.
   * @throws FifoQueueError when a FIFO queue lacks a message group id or a deduplication source.
   */
  constructor(scope: Construct, id: string, props: CallbackTaskProps) {
    const queryLanguage = props.queryLanguage ?? sfn.QueryLanguage.JSON_PATH;
    const timeout = props.timeout ?? DEFAULT_TASK_TIMEOUT;
    const heartbeat = props.heartbeat ?? DEFAULT_HEARTBEAT;
    // Checked before anything is added to the construct tree.
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    assertTaskTimeouts(path, timeout, heartbeat);
    assertFifoReady(path, props);
    const { timeout: _timeout, heartbeat: _heartbeat, ...stateProps } = props;
    super(scope, id, {
      ...stateProps,
      queryLanguage,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      messageBody: callbackMessageBody(queryLanguage),
      taskTimeout: sfn.Timeout.duration(timeout),
      heartbeatTimeout: sfn.Timeout.duration(heartbeat),
    });
    this.queue = props.queue;
    this.timeoutDuration = timeout;
    this.heartbeatDuration = heartbeat;
    this.callbackQueryLanguage = queryLanguage;
  }
}

/** Throws {@link FifoQueueError} when a FIFO queue lacks a message group id or a deduplication source. */
function assertFifoReady(path: string, props: CallbackTaskOptions): void {
  if (!props.queue.fifo) return;
  if (props.messageGroupId === undefined) {
    throw new FifoQueueError(
      `${path}: the queue is FIFO, so each message needs a \`messageGroupId\` ` +
        "(for example JsonPath.stringAt('$$.Execution.Id') to keep each execution's messages in order).",
    );
  }
  if (
    props.messageDeduplicationId === undefined &&
    contentBasedDeduplicationOf(props.queue) === false
  ) {
    throw new FifoQueueError(
      `${path}: the FIFO queue has no content-based deduplication, so each message needs a ` +
        '`messageDeduplicationId`. Or enable `contentBasedDeduplication` on the queue: the task token ' +
        'makes every callback message body unique.',
    );
  }
}
