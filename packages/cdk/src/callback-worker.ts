/**
 * The callback worker: the queue the callback task sends to (encrypted, TLS only, with a
 * dead-letter queue), the function that consumes it, and the event source mapping between them.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource, type SqsEventSourceProps } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { AlarmProps, WorkerAlarmOptions } from './alarm-options.js';
import { resolveAlarmTopic } from './alarm-topic.js';
import { defaultBundlingOptions } from './bundling.js';
import {
  DEAD_LETTER_RETENTION,
  DEFAULT_ARCHITECTURE,
  DEFAULT_BATCH_SIZE,
  DEFAULT_FUNCTION_TIMEOUT,
  DEFAULT_HEARTBEAT,
  DEFAULT_LOG_RETENTION,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_MEMORY_SIZE_MB,
  DEFAULT_RUNTIME,
  VISIBILITY_TIMEOUT_FACTOR,
} from './defaults.js';
import { ConflictingPropsError, FifoQueueError, MissingPropError } from './errors.js';
import { WORKER_ACKNOWLEDGEMENTS } from './nag-acknowledgements.js';
import {
  assertIntegerInRange,
  assertNotBoth,
  assertStandardStateMachine,
  assertVisibilityTimeout,
  functionTimeoutOf,
  visibilityTimeoutSecondsOf,
} from './validation.js';
import { createWorkerAlarms, type WorkerAlarms } from './worker-alarms.js';

/** Lambda's own default timeout, for functions created without one. */
const LAMBDA_DEFAULT_TIMEOUT_SECONDS = 3;

/** Properties of a {@link CallbackWorker}. */
export interface CallbackWorkerProps extends AlarmProps {
  /**
   * A queue you already have. Its visibility timeout is checked against the function timeout
   * when both are known; its encryption, TLS policy and dead-letter queue are yours to set.
   * Mutually exclusive with `queueProps`.
   *
   * @default - a new queue is created from `queueProps`
   */
  readonly existingQueueObj?: sqs.IQueue;

  /**
   * Overrides of the queue this construct creates. Defaults: SSE-SQS encryption (KMS with
   * `encryptionKey` when given), `enforceSSL: true`, a dead-letter queue with
   * `maxReceiveCount`, a visibility timeout of 6× the function timeout, and for a FIFO queue
   * (`fifo: true`) `contentBasedDeduplication: true` (the task token makes each body unique).
   * A `visibilityTimeout` below 6× the function timeout is an error. Mutually exclusive with
   * `existingQueueObj`.
   *
   * @default - the defaults above
   */
  readonly queueProps?: sqs.QueueProps;

  /**
   * Overrides of the dead-letter queue this construct creates (ignored when `queueProps`
   * brings its own `deadLetterQueue`). Defaults: the queue's encryption, `enforceSSL: true`,
   * 14 days retention, FIFO when the queue is FIFO.
   *
   * @default - the defaults above
   */
  readonly deadLetterQueueProps?: sqs.QueueProps;

  /**
   * How many times a message is received before SQS moves it to the dead-letter queue.
   *
   * @default 3
   */
  readonly maxReceiveCount?: number;

  /**
   * A function you already have, for example one from another construct. Give it a timeout
   * the queue can be derived from, or set `queueProps.visibilityTimeout` for an imported one.
   * Mutually exclusive with `lambdaFunctionProps`.
   *
   * @default - a new NodejsFunction is created from `lambdaFunctionProps`
   */
  readonly existingLambdaObj?: lambda.IFunction;

  /**
   * Props of the NodejsFunction this construct creates; `entry` (your handler file) is
   * required. Defaults: runtime Node.js 24, ARM64, 512 MB, 30 s timeout, X-Ray tracing
   * active, JSON logs to a log group with one month retention, `NODE_OPTIONS` set to
   * `--enable-source-maps`, a role with only what the function needs, and an ESM bundle built
   * locally by esbuild (see `defaultBundlingOptions()`); `bundling` is merged over those
   * defaults. Mutually exclusive with `existingLambdaObj`.
   *
   * @default - none: either this (with `entry`) or `existingLambdaObj` is required
   */
  readonly lambdaFunctionProps?: nodejs.NodejsFunctionProps;

  /**
   * A customer-managed KMS key for the queue and its dead-letter queue (instead of SSE-SQS).
   * The function is granted `kms:Decrypt` on it, the callback task `kms:GenerateDataKey*`
   * and `kms:Decrypt`.
   *
   * @default - SSE-SQS (SQS-managed encryption keys)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Settings of the event source mapping, passed to `SqsEventSource` as they are (`batchSize`,
   * `maxBatchingWindow`, `maxConcurrency`, `enabled`, `filters`, `filterEncryption`,
   * `metricsConfig`, `provisionedPollerConfig`, …). `reportBatchItemFailures` is not among
   * them: the construct always turns it on, the handler's partial batch response needs it.
   *
   * @default `{ batchSize: 10 }`
   */
  readonly eventSourceProps?: CallbackEventSourceProps;

  /**
   * Records per invocation, 1 to 10 (up to 10,000 with `maxBatchingWindow`).
   *
   * @default 10
   * @deprecated use `eventSourceProps.batchSize`.
   */
  readonly batchSize?: number;

  /**
   * Most concurrent invocations the event source mapping starts, 2 to 1,000. Caps the
   * `SendTask*` call rate too.
   *
   * @default - no cap beyond the function's and account's concurrency
   * @deprecated use `eventSourceProps.maxConcurrency`.
   */
  readonly maxConcurrency?: number;

  /**
   * How long the event source mapping gathers records before invoking.
   *
   * @default - no batching window
   * @deprecated use `eventSourceProps.maxBatchingWindow`.
   */
  readonly maxBatchingWindow?: Duration;

  /**
   * Retention of the function's log group (when this construct creates it).
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The worker's alarms (dead-letter queue depth, oldest message age, function errors,
   * throttles and duration, the wrapper's poison messages and already-closed rate): each
   * overridable, or dropped with `false`; `false` here creates none. See the README's
   * alarm table for each default and why.
   *
   * @default - every alarm, with its defaults
   */
  readonly alarms?: false | WorkerAlarmOptions;

  /**
   * `HeartbeatSeconds` of the callback task that sends to this queue: the default
   * threshold of the `queueAge` alarm is derived from it ({@link CallbackPattern} passes
   * its callback task's).
   *
   * @default Duration.minutes(5), the callback task's default heartbeat
   */
  readonly taskHeartbeat?: Duration;
}

/**
 * The event source mapping settings a {@link CallbackWorker} passes through:
 * `SqsEventSourceProps` without `reportBatchItemFailures`, which the construct owns.
 */
export type CallbackEventSourceProps = Omit<SqsEventSourceProps, 'reportBatchItemFailures'>;

/**
 * The worker side of the callback pattern: an encrypted, TLS-only SQS queue with a
 * dead-letter queue, a Lambda function (yours, or a NodejsFunction bundled from your `entry`)
 * and an event source mapping with `reportBatchItemFailures`. Call
 * {@link CallbackWorker.grantTaskResponse} to let the function complete tasks of one state
 * machine.
 */
export class CallbackWorker extends Construct {
  /** The queue callback tasks send to. */
  readonly queue: sqs.IQueue;
  /** The dead-letter queue, when this construct created it or the queue's is known. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** The function that consumes the queue. */
  readonly lambdaFunction: lambda.IFunction;
  /** The function's log group, when this construct created the function. */
  readonly functionLogGroup?: logs.ILogGroupRef;
  /** The event source that connects the queue to the function. */
  readonly eventSource: SqsEventSource;
  /** The queue's visibility timeout in seconds, when known at synthesis. */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * The worker's alarms (each a property, absent when dropped); empty with `alarms: false`.
   */
  readonly alarms: WorkerAlarms;
  /** The topic the alarms notify, when `alarmTopic` was given. */
  readonly alarmTopic?: sns.ITopic;

  /**
   * @param scope - the parent construct.
   * @param id - the construct id.
   * @param props - see {@link CallbackWorkerProps}.
   * @throws ConflictingPropsError when both props of a pair are given.
   * @throws MissingPropError when neither `lambdaFunctionProps.entry` nor `existingLambdaObj` is given.
   * @throws VisibilityTimeoutTooShortError when the visibility timeout is below 6× the function timeout.
   * @throws FifoQueueError when a FIFO queue would get a standard dead-letter queue.
   */
  constructor(scope: Construct, id: string, props: CallbackWorkerProps) {
    super(scope, id);
    assertNotBoth(this, props, 'existingQueueObj', 'queueProps');
    assertNotBoth(this, props, 'existingLambdaObj', 'lambdaFunctionProps');
    assertIntegerInRange(this, 'maxReceiveCount', props.maxReceiveCount, 1, 1000);
    const eventSourceProps = mergedEventSourceProps(this, props);
    assertIntegerInRange(this, 'batchSize', eventSourceProps.batchSize, 1, 10_000);
    assertIntegerInRange(this, 'maxConcurrency', eventSourceProps.maxConcurrency, 2, 1000);

    const functionTimeout = props.existingLambdaObj
      ? existingFunctionTimeout(props.existingLambdaObj)
      : (props.lambdaFunctionProps?.timeout ?? DEFAULT_FUNCTION_TIMEOUT);

    if (props.existingQueueObj) {
      this.queue = props.existingQueueObj;
      this.deadLetterQueue =
        props.existingQueueObj instanceof sqs.Queue
          ? props.existingQueueObj.deadLetterQueue?.queue
          : undefined;
    } else {
      const created = this.createQueues(props, functionTimeout);
      this.queue = created.queue;
      this.deadLetterQueue = created.deadLetterQueue;
    }
    this.visibilityTimeoutSeconds = visibilityTimeoutSecondsOf(this.queue);
    assertVisibilityTimeout(this, this.visibilityTimeoutSeconds, functionTimeout);

    if (props.existingLambdaObj) {
      this.lambdaFunction = props.existingLambdaObj;
    } else {
      const created = this.createFunction(props);
      this.lambdaFunction = created.fn;
      this.functionLogGroup = created.logGroup;
    }

    this.eventSource = new SqsEventSource(this.queue, {
      ...eventSourceProps,
      batchSize: eventSourceProps.batchSize ?? DEFAULT_BATCH_SIZE,
      reportBatchItemFailures: true,
    });
    this.lambdaFunction.addEventSource(this.eventSource);
    const mapping = this.lambdaFunction.node.children
      .filter((child) => child instanceof lambda.EventSourceMapping)
      .at(-1);
    if (mapping) {
      for (const { id: ruleId, reason } of WORKER_ACKNOWLEDGEMENTS.eventSourceMapping) {
        Validations.of(mapping).acknowledge({ id: ruleId, reason });
      }
    }

    this.alarmTopic = resolveAlarmTopic(this, props.alarmTopic, props.encryptionKey);
    this.alarms =
      props.alarms === false
        ? {}
        : createWorkerAlarms(
            new Construct(this, 'Alarms'),
            {
              queue: this.queue,
              ...(this.deadLetterQueue ? { deadLetterQueue: this.deadLetterQueue } : {}),
              lambdaFunction: this.lambdaFunction,
              ...(functionTimeout ? { functionTimeout } : {}),
              heartbeat: props.taskHeartbeat ?? DEFAULT_HEARTBEAT,
            },
            props.alarms ?? {},
            props.outcomeMetrics,
            {
              ...(this.alarmTopic ? { topic: this.alarmTopic } : {}),
              okActions: props.alarmOkActions ?? true,
            },
          );
  }

  /**
   * Lets the function call `states:SendTaskSuccess`, `states:SendTaskFailure` and
   * `states:SendTaskHeartbeat` on this one state machine (its ARN, never `*`).
   *
   * @param stateMachine - the state machine whose callback tasks send to this worker's queue.
   * @returns the grant.
   * @throws ExpressStateMachineError when the state machine is EXPRESS.
   */
  grantTaskResponse(stateMachine: sfn.IStateMachine): iam.Grant {
    assertStandardStateMachine(this, stateMachine);
    return stateMachine.grantTaskResponse(this.lambdaFunction);
  }

  private createQueues(
    props: CallbackWorkerProps,
    functionTimeout: Duration | undefined,
  ): { queue: sqs.Queue; deadLetterQueue?: sqs.IQueue } {
    const queueProps = props.queueProps ?? {};
    const fifo =
      queueProps.fifo ??
      (queueProps.queueName?.endsWith('.fifo') || queueProps.contentBasedDeduplication === true);
    const encryption: Pick<sqs.QueueProps, 'encryption' | 'encryptionMasterKey'> =
      props.encryptionKey
        ? { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey }
        : { encryption: sqs.QueueEncryption.SQS_MANAGED };

    let deadLetterQueue = queueProps.deadLetterQueue;
    if (!deadLetterQueue) {
      const dlq = new sqs.Queue(this, 'DeadLetterQueue', {
        ...encryption,
        enforceSSL: true,
        retentionPeriod: DEAD_LETTER_RETENTION,
        ...(fifo ? { fifo: true } : {}),
        ...props.deadLetterQueueProps,
      });
      for (const { id: ruleId, reason } of WORKER_ACKNOWLEDGEMENTS.deadLetterQueue) {
        Validations.of(dlq).acknowledge({ id: ruleId, reason });
      }
      deadLetterQueue = {
        queue: dlq,
        maxReceiveCount: props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT,
      };
    }
    if (fifo && !deadLetterQueue.queue.fifo) {
      throw new FifoQueueError(
        `${this.node.path}: the queue is FIFO but its dead-letter queue is not; SQS requires the ` +
          'dead-letter queue of a FIFO queue to be FIFO too.',
      );
    }

    let visibilityTimeout = queueProps.visibilityTimeout;
    if (visibilityTimeout === undefined) {
      if (functionTimeout === undefined) {
        throw new MissingPropError(
          `${this.node.path}: the function's timeout is unknown (imported function), so the queue's ` +
            `visibility timeout (at least ${VISIBILITY_TIMEOUT_FACTOR}× the function timeout) cannot be ` +
            'derived. Set `queueProps.visibilityTimeout`.',
        );
      }
      visibilityTimeout = Duration.seconds(functionTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR);
    }

    const queue = new sqs.Queue(this, 'Queue', {
      ...encryption,
      enforceSSL: true,
      ...(fifo ? { fifo: true, contentBasedDeduplication: true } : {}),
      ...queueProps,
      visibilityTimeout,
      deadLetterQueue,
    });
    return { queue, deadLetterQueue: deadLetterQueue.queue };
  }

  private createFunction(props: CallbackWorkerProps): {
    fn: nodejs.NodejsFunction;
    logGroup: logs.ILogGroupRef;
  } {
    const fnProps = props.lambdaFunctionProps;
    if (fnProps?.entry === undefined) {
      throw new MissingPropError(
        `${this.node.path}: pass \`lambdaFunctionProps.entry\` (the path of your handler file) to have ` +
          'the worker bundle a function, or `existingLambdaObj` to use a function you already have.',
      );
    }
    const logGroup =
      fnProps.logGroup ??
      new logs.LogGroup(this, 'FunctionLogGroup', {
        retention: props.logRetention ?? DEFAULT_LOG_RETENTION,
      });
    const role =
      fnProps.role ??
      new iam.Role(this, 'FunctionRole', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: 'Callback worker: reads its queue, writes its log group, completes tasks',
      });
    // Exactly logs:CreateLogStream and logs:PutLogEvents on this log group, instead of the AWS
    // managed AWSLambdaBasicExecutionRole (every log group; AwsSolutions-IAM4).
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupRef.logGroupArn],
      }),
    );

    const fn = new nodejs.NodejsFunction(this, 'Function', {
      runtime: DEFAULT_RUNTIME,
      architecture: DEFAULT_ARCHITECTURE,
      memorySize: DEFAULT_MEMORY_SIZE_MB,
      timeout: DEFAULT_FUNCTION_TIMEOUT,
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      ...fnProps,
      logGroup,
      role,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...fnProps.environment },
      bundling: { ...defaultBundlingOptions(), ...fnProps.bundling },
    });
    for (const { id: ruleId, reason } of WORKER_ACKNOWLEDGEMENTS.function) {
      Validations.of(fn).acknowledge({ id: ruleId, reason });
    }
    if (!fnProps.role) {
      for (const { id: ruleId, reason } of WORKER_ACKNOWLEDGEMENTS.functionRole) {
        Validations.of(role).acknowledge({ id: ruleId, reason });
      }
    }
    return { fn, logGroup };
  }
}

function existingFunctionTimeout(fn: lambda.IFunction): Duration | undefined {
  if (fn instanceof lambda.Function) {
    return functionTimeoutOf(fn) ?? Duration.seconds(LAMBDA_DEFAULT_TIMEOUT_SECONDS);
  }
  return undefined;
}

/**
 * `eventSourceProps` with the deprecated flat fields folded in.
 *
 * @throws ConflictingPropsError when a setting is given both ways.
 */
function mergedEventSourceProps(
  scope: Construct,
  props: CallbackWorkerProps,
): CallbackEventSourceProps {
  const merged: { -readonly [K in keyof CallbackEventSourceProps]: CallbackEventSourceProps[K] } = {
    ...props.eventSourceProps,
  };
  for (const field of ['batchSize', 'maxConcurrency', 'maxBatchingWindow'] as const) {
    if (props[field] === undefined) continue;
    if (merged[field] !== undefined) {
      throw new ConflictingPropsError(scope.node.path, field, `eventSourceProps.${field}`);
    }
    Object.assign(merged, { [field]: props[field] });
  }
  return merged;
}
