/**
 * The whole AWS sample "Callback Pattern Example" in one construct: a STANDARD state machine
 * whose callback task sends to a worker queue, then "Notify Success" or "Notify Failure" on
 * an SNS topic, then Fail.
 */
import { Annotations, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { PatternAlarmOptions } from './alarm-options.js';
import { resolveAlarmTopic } from './alarm-topic.js';
import { type CallbackDashboardOptions, createCallbackDashboard } from './callback-dashboard.js';
import { CallbackTask, type CallbackTaskProps } from './callback-task.js';
import { CallbackWorker, type CallbackWorkerProps } from './callback-worker.js';
import { DEFAULT_HEARTBEAT, DEFAULT_LOG_RETENTION } from './defaults.js';
import { ExpressStateMachineError } from './errors.js';
import { createExecutionAlarms, type ExecutionAlarms } from './execution-alarms.js';
import { PATTERN_ACKNOWLEDGEMENTS } from './nag-acknowledgements.js';
import { assertNotBoth } from './validation.js';
import type { WorkerAlarms } from './worker-alarms.js';

/** Every alarm of a {@link CallbackPattern}: the worker's and the state machine's. */
export interface PatternAlarms extends WorkerAlarms, ExecutionAlarms {}

/** State names of the pattern's state machine (those of the AWS sample, plus the Fail state). */
export const CALLBACK_PATTERN_STATE_NAMES = {
  callback: 'Start Task And Wait For Callback',
  notifySuccess: 'Notify Success',
  notifyFailure: 'Notify Failure',
  fail: 'Fail',
} as const;

/** The cause the Fail state reports (its error is the name of the error that was caught). */
const FAIL_CAUSE =
  'The callback task failed, timed out or missed a heartbeat (or Notify Success failed); ' +
  'the execution history and the Notify Failure message have the details.';

/**
 * Properties of a {@link CallbackPattern}. The worker's props (queue, dead-letter queue,
 * function, event source mapping) are those of {@link CallbackWorkerProps}, with the same
 * defaults; `encryptionKey` and `logRetention` reach further here (the topic, the state
 * machine's log group).
 */
export interface CallbackPatternProps
  extends Omit<CallbackWorkerProps, 'encryptionKey' | 'logRetention' | 'alarms' | 'taskHeartbeat'> {
  /**
   * An SNS topic you already have for the notifications. When it has a `masterKey`, the state
   * machine is granted `kms:GenerateDataKey` and `kms:Decrypt` on it. Mutually exclusive with
   * `topicProps`.
   *
   * @default - a new topic from `topicProps`
   */
  readonly existingTopicObj?: sns.ITopic;

  /**
   * Overrides of the topic the pattern creates. Defaults: encrypted with `encryptionKey` (or
   * a new customer-managed key with rotation), `enforceSSL: true`. Mutually exclusive with
   * `existingTopicObj`.
   *
   * @default - the defaults above
   */
  readonly topicProps?: sns.TopicProps;

  /**
   * A customer-managed KMS key for the topic, the queue and its dead-letter queue. The state
   * machine gets the KMS permissions SNS publish and SQS send need on it (CDK's `SnsPublish`
   * grants none); the worker function gets `kms:Decrypt`.
   *
   * @default - a new key with rotation enabled encrypts the topic; the queues use SSE-SQS
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Query language of the state machine and of all its states.
   *
   * @default sfn.QueryLanguage.JSON_PATH
   */
  readonly queryLanguage?: sfn.QueryLanguage;

  /**
   * Options of the callback task: `timeout`, `heartbeat`, `messageGroupId` (required for a
   * FIFO queue), `messageDeduplicationId`, `comment`, `resultPath`, …
   *
   * @default - timeout 15 minutes, heartbeat 5 minutes
   */
  readonly callbackTaskProps?: Omit<CallbackTaskProps, 'queue' | 'queryLanguage'>;

  /**
   * Overrides of the state machine. `stateMachineType` must stay STANDARD: EXPRESS is an error.
   *
   * @default - STANDARD, tracing enabled, logs at level ALL to a new log group
   */
  readonly stateMachineProps?: Omit<
    sfn.StateMachineProps,
    'definition' | 'definitionBody' | 'definitionSubstitutions' | 'queryLanguage'
  >;

  /**
   * Whether the state machine's logs include execution data (inputs, outputs, and the
   * parameters of each task). Off by default because the callback task's parameters contain
   * the task token, a bearer credential: anyone who can read the log could complete the task.
   *
   * @default false
   */
  readonly includeExecutionDataInLogs?: boolean;

  /**
   * Retention of the log groups the pattern creates (state machine and function).
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The pattern's alarms: the worker's (dead-letter queue depth, oldest message age
   * derived from the callback task's heartbeat, function errors, throttles and duration,
   * the wrapper's poison messages and already-closed rate) and the state machine's
   * (executions failed, timed out, throttled, aborted). Each is overridable or dropped
   * with `false`; `false` here creates none. The README's alarm table has each default
   * and why.
   *
   * @default - every alarm, with its defaults
   */
  readonly alarms?: false | PatternAlarmOptions;

  /**
   * A CloudWatch dashboard of the pattern (executions, callback latency, queue depth and
   * age, the DLQ, the worker's outcomes and function, the alarms): `true`, or its options.
   *
   * @default false
   */
  readonly dashboard?: boolean | CallbackDashboardOptions;
}

/**
 * The callback pattern of the AWS sample, secure by default: a STANDARD state machine
 * (callback task → "Notify Success" → end; any error or timeout → "Notify Failure" → Fail),
 * the worker (queue, DLQ, function, event source mapping), and an encrypted SNS topic.
 * Every part is exposed, and {@link CallbackTask} and {@link CallbackWorker} can be used alone.
 */
export class CallbackPattern extends Construct {
  /** The state machine (STANDARD, tracing on, logs at level ALL). */
  readonly stateMachine: sfn.StateMachine;
  /** The callback task state. */
  readonly callbackTask: CallbackTask;
  /** The "Notify Success" state. */
  readonly notifySuccess: tasks.SnsPublish;
  /** The "Notify Failure" state. */
  readonly notifyFailure: tasks.SnsPublish;
  /** The worker: queue, dead-letter queue, function, event source. */
  readonly worker: CallbackWorker;
  /** The queue the callback task sends to. */
  readonly queue: sqs.IQueue;
  /** The dead-letter queue, when known. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** The worker function. */
  readonly lambdaFunction: lambda.IFunction;
  /** The topic "Notify Success" and "Notify Failure" publish to. */
  readonly topic: sns.ITopic;
  /** The key that encrypts the topic, when known. */
  readonly topicEncryptionKey?: kms.IKey;
  /** The state machine's log group. */
  readonly stateMachineLogGroup: logs.ILogGroupRef;
  /** Every alarm (each a property, absent when dropped); empty with `alarms: false`. */
  readonly alarms: PatternAlarms;
  /** The topic the alarms notify, when `alarmTopic` was given. */
  readonly alarmTopic?: sns.ITopic;
  /** The dashboard, when `dashboard` was set. */
  readonly dashboard?: cloudwatch.Dashboard;

  /**
   * @param scope - the parent construct.
   * @param id - the construct id.
   * @param props - see {@link CallbackPatternProps}.
   * @throws ExpressStateMachineError when `stateMachineProps.stateMachineType` is EXPRESS.
   * @throws ConflictingPropsError when both props of a pair are given.
   * @throws HeartbeatNotBelowTimeoutError, VisibilityTimeoutTooShortError, FifoQueueError,
   *   MissingPropError: see {@link CallbackTask} and {@link CallbackWorker}.
   */
  constructor(scope: Construct, id: string, props: CallbackPatternProps) {
    super(scope, id);
    if (props.stateMachineProps?.stateMachineType === sfn.StateMachineType.EXPRESS) {
      throw new ExpressStateMachineError(this.node.path);
    }
    assertNotBoth(this, props, 'existingTopicObj', 'topicProps');
    const queryLanguage = props.queryLanguage ?? sfn.QueryLanguage.JSON_PATH;
    const jsonata = queryLanguage === sfn.QueryLanguage.JSONATA;
    const logRetention = props.logRetention ?? DEFAULT_LOG_RETENTION;

    const alarmOptions = props.alarms;
    this.alarmTopic =
      alarmOptions === false
        ? undefined
        : resolveAlarmTopic(this, props.alarmTopic, props.encryptionKey);
    // The pattern's props are the worker's and more; the worker reads only its own.
    this.worker = new CallbackWorker(this, 'Worker', {
      ...props,
      logRetention,
      alarms: alarmOptions,
      alarmTopic: this.alarmTopic,
      taskHeartbeat: props.callbackTaskProps?.heartbeat ?? DEFAULT_HEARTBEAT,
    });
    this.queue = this.worker.queue;
    this.deadLetterQueue = this.worker.deadLetterQueue;
    this.lambdaFunction = this.worker.lambdaFunction;

    if (props.existingTopicObj) {
      this.topic = props.existingTopicObj;
      this.topicEncryptionKey = props.existingTopicObj.masterKey;
    } else {
      const masterKey =
        props.topicProps?.masterKey ??
        props.encryptionKey ??
        new kms.Key(this, 'TopicKey', {
          enableKeyRotation: true,
          description: 'Encrypts the callback pattern notification topic',
        });
      this.topic = new sns.Topic(this, 'Topic', {
        enforceSSL: true,
        ...props.topicProps,
        masterKey,
      });
      this.topicEncryptionKey = masterKey;
    }

    this.callbackTask = new CallbackTask(this, CALLBACK_PATTERN_STATE_NAMES.callback, {
      ...props.callbackTaskProps,
      queue: this.queue,
      queryLanguage,
    });

    const publishProps = (message: string) => ({
      topic: this.topic,
      message: sfn.TaskInput.fromText(message),
    });
    // "Notify Success" and "Notify Failure" publish the state input as it is.
    const notify = (stateName: string): tasks.SnsPublish =>
      jsonata
        ? tasks.SnsPublish.jsonata(this, stateName, {
            ...publishProps('{% $string($states.input) %}'),
            outputs: '{% $states.input %}',
          })
        : tasks.SnsPublish.jsonPath(this, stateName, {
            ...publishProps(sfn.JsonPath.jsonToString(sfn.JsonPath.objectAt('$'))),
            resultPath: sfn.JsonPath.DISCARD,
          });
    this.notifySuccess = notify(CALLBACK_PATTERN_STATE_NAMES.notifySuccess);
    this.notifyFailure = notify(CALLBACK_PATTERN_STATE_NAMES.notifyFailure);
    const fail = jsonata
      ? sfn.Fail.jsonata(this, CALLBACK_PATTERN_STATE_NAMES.fail, {
          error: '{% $states.input.error.Error %}',
          cause: FAIL_CAUSE,
        })
      : sfn.Fail.jsonPath(this, CALLBACK_PATTERN_STATE_NAMES.fail, {
          errorPath: '$.error.Error',
          cause: FAIL_CAUSE,
        });

    // Catch everything: timeouts and missed heartbeats first, named explicitly (older
    // documentation reports a missed heartbeat as States.Timeout), then States.ALL.
    const catchProps: sfn.CatchProps = jsonata
      ? { outputs: '{% {"input": $states.input, "error": $states.errorOutput} %}' }
      : { resultPath: '$.error' };
    this.callbackTask.addCatch(this.notifyFailure, {
      ...catchProps,
      errors: [sfn.Errors.HEARTBEAT_TIMEOUT, sfn.Errors.TIMEOUT],
    });
    this.callbackTask.addCatch(this.notifyFailure, { ...catchProps, errors: [sfn.Errors.ALL] });
    this.notifySuccess.addCatch(this.notifyFailure, { ...catchProps, errors: [sfn.Errors.ALL] });
    this.notifyFailure.next(fail);

    this.stateMachineLogGroup =
      props.stateMachineProps?.logs?.destination ??
      new logs.LogGroup(this, 'StateMachineLogGroup', { retention: logRetention });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      ...props.stateMachineProps,
      logs: {
        level: sfn.LogLevel.ALL,
        includeExecutionData: props.includeExecutionDataInLogs ?? false,
        ...props.stateMachineProps?.logs,
        destination: this.stateMachineLogGroup,
      },
      queryLanguage,
      definitionBody: sfn.DefinitionBody.fromChainable(this.callbackTask.next(this.notifySuccess)),
    });

    this.worker.grantTaskResponse(this.stateMachine);
    // SnsPublish grants sns:Publish but nothing on the topic's key: without these, every
    // publish to the encrypted topic fails with KMS.AccessDeniedException.
    this.topicEncryptionKey?.grant(this.stateMachine, 'kms:GenerateDataKey', 'kms:Decrypt');

    if (!props.stateMachineProps?.role) {
      for (const { id: ruleId, reason } of PATTERN_ACKNOWLEDGEMENTS.stateMachineRolePolicy) {
        Validations.of(this.stateMachine.role).acknowledge({ id: ruleId, reason });
      }
      if (props.encryptionKey && !props.existingQueueObj) {
        for (const { id: ruleId, reason } of PATTERN_ACKNOWLEDGEMENTS.stateMachineQueueKey) {
          Validations.of(this.stateMachine.role).acknowledge({ id: ruleId, reason });
        }
      }
    }

    const actions = {
      ...(this.alarmTopic ? { topic: this.alarmTopic } : {}),
      okActions: props.alarmOkActions ?? true,
    };
    this.alarms =
      alarmOptions === false
        ? {}
        : {
            ...this.worker.alarms,
            ...createExecutionAlarms(
              new Construct(this, 'Alarms'),
              this.stateMachine,
              alarmOptions ?? {},
              actions,
            ),
          };
    if (props.dashboard) {
      this.dashboard = createCallbackDashboard(
        this,
        'Dashboard',
        {
          stateMachine: this.stateMachine,
          queue: this.queue,
          ...(this.deadLetterQueue ? { deadLetterQueue: this.deadLetterQueue } : {}),
          lambdaFunction: this.lambdaFunction,
          ...(props.outcomeMetrics ? { outcomeMetrics: props.outcomeMetrics } : {}),
          alarms: Object.values(this.alarms),
        },
        props.dashboard === true ? {} : props.dashboard,
      );
    }

    const visibility = this.worker.visibilityTimeoutSeconds;
    const heartbeat = this.callbackTask.heartbeatDuration.toSeconds();
    if (visibility !== undefined && heartbeat <= visibility) {
      Annotations.of(this).addWarningV2(
        '@sfn-callback/cdk:heartbeatNotAboveVisibilityTimeout',
        `The callback task's heartbeat (${heartbeat} s) is not above the queue's visibility timeout ` +
          `(${visibility} s): a message redelivered after a failed attempt reaches a task that has ` +
          'already timed out (States.Timeout), unless the worker sends heartbeats.',
      );
    }
  }
}
