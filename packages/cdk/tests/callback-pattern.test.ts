import { CALLBACK_MESSAGE_JSONATA, CALLBACK_MESSAGE_JSONPATH } from '@sfn-callback/task-token';
import { Duration } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, test } from 'vitest';
import {
  CallbackPattern,
  type CallbackPatternProps,
  CallbackTask,
  CallbackWorker,
  ConflictingPropsError,
  ExpressStateMachineError,
  FifoQueueError,
  HeartbeatNotBelowTimeoutError,
  CALLBACK_PATTERN_STATE_NAMES as NAMES,
  VisibilityTimeoutTooShortError,
} from '../src/index.js';
import {
  actionsOf,
  definitionOf,
  FIXTURE_FUNCTION,
  policyStatements,
  statesOf,
  templateOf,
  testStack,
  thrown,
} from './helpers.js';

function synthPattern(props: Partial<CallbackPatternProps> = {}, stack = testStack()) {
  const pattern = new CallbackPattern(stack, 'Pattern', {
    ...(props.existingLambdaObj ? {} : { lambdaFunctionProps: FIXTURE_FUNCTION }),
    ...props,
  });
  const template = templateOf(stack);
  const definition = definitionOf(template);
  return { stack, pattern, template, definition, states: statesOf(definition) };
}

const logicalId = (
  construct: { node: { defaultChild?: unknown } },
  stack: ReturnType<typeof testStack>,
) => stack.getLogicalId(construct.node.defaultChild as sfn.CfnStateMachine);

describe('CallbackPattern defaults', () => {
  const { stack, pattern, template, definition, states } = synthPattern();
  const topicKey = stack.getLogicalId(
    (pattern.topicEncryptionKey as kms.Key).node.defaultChild as kms.CfnKey,
  );
  const topic = stack.getLogicalId((pattern.topic as sns.Topic).node.defaultChild as sns.CfnTopic);
  const queue = stack.getLogicalId((pattern.queue as sqs.Queue).node.defaultChild as sqs.CfnQueue);

  test('a STANDARD state machine with tracing and logs at ALL without execution data', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [
          {
            CloudWatchLogsLogGroup: {
              LogGroupArn: {
                'Fn::GetAtt': [Match.stringLikeRegexp('StateMachineLogGroup'), 'Arn'],
              },
            },
          },
        ],
      },
    });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
  });

  test('definition: callback → Notify Success; every error → Notify Failure → Fail', () => {
    expect(definition.StartAt).toBe(NAMES.callback);
    expect(definition.QueryLanguage).toBe('JSONPath');
    expect(Object.keys(states)).toEqual([
      NAMES.callback,
      NAMES.notifySuccess,
      NAMES.notifyFailure,
      NAMES.fail,
    ]);
    expect(states[NAMES.callback]).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: `ref:${queue}`, MessageBody: CALLBACK_MESSAGE_JSONPATH },
      TimeoutSeconds: 900,
      HeartbeatSeconds: 300,
      Next: NAMES.notifySuccess,
      Catch: [
        {
          ErrorEquals: ['States.HeartbeatTimeout', 'States.Timeout'],
          ResultPath: '$.error',
          Next: NAMES.notifyFailure,
        },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: NAMES.notifyFailure },
      ],
    });
    expect(states[NAMES.notifySuccess]).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: `ref:${topic}`, 'Message.$': 'States.JsonToString($)' },
      ResultPath: null,
      End: true,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: NAMES.notifyFailure }],
    });
    expect(states[NAMES.notifyFailure]).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: `ref:${topic}`, 'Message.$': 'States.JsonToString($)' },
      ResultPath: null,
      Next: NAMES.fail,
    });
    expect(states[NAMES.fail]).toMatchObject({ Type: 'Fail', ErrorPath: '$.error.Error' });
  });

  test('topic: encrypted with a new rotating customer-managed key, TLS-only publishing', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [topicKey, 'Arn'] },
    });
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ],
      },
    });
  });

  test('state machine role: send, publish and the topic key grant CDK leaves out', () => {
    const statements = policyStatements(template);
    expect(statements).toContainEqual({
      Action: 'sqs:SendMessage',
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [queue, 'Arn'] },
    });
    expect(statements).toContainEqual({
      Action: 'sns:Publish',
      Effect: 'Allow',
      Resource: { Ref: topic },
    });
    expect(statements).toContainEqual({
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [topicKey, 'Arn'] },
    });
  });

  test('the worker may complete tasks of this state machine only: no states:*, no * resource', () => {
    const statements = policyStatements(template).filter((s) =>
      actionsOf(s).some((action) => action.startsWith('states:')),
    );
    expect(statements).toEqual([
      {
        Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        Effect: 'Allow',
        Resource: { Ref: logicalId(pattern.stateMachine, stack) },
      },
    ]);
    for (const statement of policyStatements(template)) {
      expect(actionsOf(statement)).not.toContain('states:*');
    }
  });

  test('outputs are exposed and no warning is raised', () => {
    expect(pattern.stateMachine).toBeInstanceOf(sfn.StateMachine);
    expect(pattern.callbackTask).toBeInstanceOf(CallbackTask);
    expect(pattern.worker).toBeInstanceOf(CallbackWorker);
    expect(pattern.queue).toBe(pattern.worker.queue);
    expect(pattern.deadLetterQueue).toBe(pattern.worker.deadLetterQueue);
    expect(pattern.lambdaFunction).toBe(pattern.worker.lambdaFunction);
    expect(pattern.topic).toBeInstanceOf(sns.Topic);
    expect(pattern.topicEncryptionKey).toBeInstanceOf(kms.Key);
    expect(pattern.stateMachineLogGroup).toBeInstanceOf(logs.LogGroup);
    expect(pattern.notifySuccess.id).toBe(NAMES.notifySuccess);
    expect(pattern.notifyFailure.id).toBe(NAMES.notifyFailure);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('CallbackPattern props', () => {
  test('queryLanguage JSONata: JSONata states throughout, the shared JSONata envelope', () => {
    const { definition, states, template } = synthPattern({
      queryLanguage: sfn.QueryLanguage.JSONATA,
    });
    expect(definition.QueryLanguage).toBe('JSONata');
    const callback = states[NAMES.callback] as Record<string, unknown>;
    expect(callback.Arguments).toMatchObject({ MessageBody: CALLBACK_MESSAGE_JSONATA });
    expect(callback.Catch).toEqual([
      {
        ErrorEquals: ['States.HeartbeatTimeout', 'States.Timeout'],
        Output: '{% {"input": $states.input, "error": $states.errorOutput} %}',
        Next: NAMES.notifyFailure,
      },
      {
        ErrorEquals: ['States.ALL'],
        Output: '{% {"input": $states.input, "error": $states.errorOutput} %}',
        Next: NAMES.notifyFailure,
      },
    ]);
    expect(states[NAMES.notifySuccess]).toMatchObject({
      Arguments: { Message: '{% $string($states.input) %}' },
      Output: '{% $states.input %}',
    });
    expect(states[NAMES.fail]).toMatchObject({ Error: '{% $states.input.error.Error %}' });
    for (const state of Object.values(states)) {
      expect(state.Parameters).toBeUndefined();
      expect(state.ResultPath).toBeUndefined();
    }
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
    });
  });

  test('includeExecutionDataInLogs and logRetention', () => {
    const { template } = synthPattern({
      includeExecutionDataInLogs: true,
      logRetention: logs.RetentionDays.THREE_MONTHS,
    });
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ IncludeExecutionData: true, Level: 'ALL' }),
    });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  test('stateMachineProps.logs: a log group of your own, the level kept at ALL unless overridden', () => {
    const stack = testStack();
    const destination = new logs.LogGroup(stack, 'Mine');
    const { template, pattern } = synthPattern(
      { stateMachineProps: { logs: { destination } } },
      stack,
    );
    expect(pattern.stateMachineLogGroup).toBe(destination);
    template.resourceCountIs('AWS::Logs::LogGroup', 2); // yours and the function's
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({
        Level: 'ALL',
        Destinations: [
          {
            CloudWatchLogsLogGroup: {
              LogGroupArn: {
                'Fn::GetAtt': [
                  stack.getLogicalId(destination.node.defaultChild as logs.CfnLogGroup),
                  'Arn',
                ],
              },
            },
          },
        ],
      }),
    });
  });

  test('callbackTaskProps: timeout and heartbeat', () => {
    const { states } = synthPattern({
      callbackTaskProps: { timeout: Duration.hours(1), heartbeat: Duration.minutes(20) },
    });
    expect(states[NAMES.callback]).toMatchObject({ TimeoutSeconds: 3600, HeartbeatSeconds: 1200 });
  });

  test('stateMachineProps: name and overall timeout; the type stays STANDARD', () => {
    const { template, definition } = synthPattern({
      stateMachineProps: { stateMachineName: 'callback', timeout: Duration.days(1) },
    });
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'callback',
      StateMachineType: 'STANDARD',
    });
    expect(definition.TimeoutSeconds).toBe(86_400);
  });

  test('topicProps: kept, and the topic stays encrypted and TLS-only', () => {
    const { template } = synthPattern({ topicProps: { displayName: 'Callbacks' } });
    template.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Callbacks',
      KmsMasterKeyId: Match.anyValue(),
    });
    template.resourceCountIs('AWS::SNS::TopicPolicy', 1);
  });

  test('existingTopicObj with a key: used as is, the state machine may use its key', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Mine', { enableKeyRotation: true });
    const existingTopicObj = new sns.Topic(stack, 'Topic', { masterKey: key });
    const { template, pattern } = synthPattern({ existingTopicObj }, stack);
    expect(pattern.topic).toBe(existingTopicObj);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    expect(policyStatements(template)).toContainEqual({
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
    });
  });

  test('existingTopicObj imported without a key: no KMS grant', () => {
    const stack = testStack();
    const existingTopicObj = sns.Topic.fromTopicArn(
      stack,
      'Imported',
      'arn:aws:sns:eu-west-1:123456789012:callbacks',
    );
    const { template, states } = synthPattern({ existingTopicObj }, stack);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    expect(JSON.stringify(policyStatements(template))).not.toContain('kms:');
    expect(states[NAMES.notifySuccess]?.Parameters).toMatchObject({
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:callbacks',
    });
  });

  test('encryptionKey: encrypts the topic and both queues; no other key is created', () => {
    const stack = testStack();
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const { template, pattern } = synthPattern({ encryptionKey }, stack);
    const keyArn = { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] };
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: keyArn });
    template.allResourcesProperties('AWS::SQS::Queue', { KmsMasterKeyId: keyArn });
    expect(pattern.topicEncryptionKey).toBe(encryptionKey);
  });

  test('worker props pass through: queue, DLQ, function, event source', () => {
    const { template } = synthPattern({
      queueProps: { retentionPeriod: Duration.days(3) },
      deadLetterQueueProps: { retentionPeriod: Duration.days(5) },
      maxReceiveCount: 7,
      lambdaFunctionProps: { ...FIXTURE_FUNCTION, memorySize: 256 },
      batchSize: 5,
      maxConcurrency: 2,
      maxBatchingWindow: Duration.seconds(1),
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 259_200,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 7 }),
    });
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 432_000 });
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 256 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      ScalingConfig: { MaximumConcurrency: 2 },
      MaximumBatchingWindowInSeconds: 1,
    });
  });

  test('existingQueueObj: the callback task sends to it', () => {
    const stack = testStack();
    const existingQueueObj = new sqs.Queue(stack, 'Mine', {
      visibilityTimeout: Duration.minutes(10),
      enforceSSL: true,
    });
    const { states, template } = synthPattern({ existingQueueObj }, stack);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    expect(states[NAMES.callback]?.Parameters).toMatchObject({
      QueueUrl: `ref:${stack.getLogicalId(existingQueueObj.node.defaultChild as sqs.CfnQueue)}`,
    });
  });

  test('a FIFO queue with a message group id from the execution', () => {
    const { states, template } = synthPattern({
      queueProps: { fifo: true },
      callbackTaskProps: { messageGroupId: sfn.JsonPath.stringAt('$$.Execution.Id') },
    });
    expect(states[NAMES.callback]?.Parameters).toMatchObject({
      'MessageGroupId.$': '$$.Execution.Id',
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: true,
    });
  });

  test('a heartbeat not above the visibility timeout raises a synthesis warning', () => {
    const { stack } = synthPattern({
      callbackTaskProps: { heartbeat: Duration.minutes(2) },
    });
    Annotations.fromStack(stack).hasWarning(
      '/Test/Pattern',
      Match.stringLikeRegexp(
        "heartbeat \\(120 s\\) is not above the queue's visibility timeout \\(180 s\\)",
      ),
    );
  });
});

describe('CallbackPattern construct-time errors', () => {
  test('an EXPRESS state machine', () => {
    const error = thrown(() =>
      synthPattern({ stateMachineProps: { stateMachineType: sfn.StateMachineType.EXPRESS } }),
    );
    expect(error).toBeInstanceOf(ExpressStateMachineError);
    expect(error.message).toBe(
      'Test/Pattern: the callback pattern needs a STANDARD state machine. EXPRESS workflows do not ' +
        'support the `.waitForTaskToken` integration pattern (sqs:sendMessage.waitForTaskToken).',
    );
  });

  test('existingTopicObj and topicProps', () => {
    const stack = testStack();
    const error = thrown(() =>
      synthPattern({ existingTopicObj: new sns.Topic(stack, 'T'), topicProps: {} }, stack),
    );
    expect(error).toBeInstanceOf(ConflictingPropsError);
    expect(error.message).toMatch(/^Test\/Pattern: pass either `existingTopicObj` or `topicProps`/);
  });

  test('existingQueueObj and queueProps (checked by the worker)', () => {
    const stack = testStack();
    const error = thrown(() =>
      synthPattern({ existingQueueObj: new sqs.Queue(stack, 'Q'), queueProps: {} }, stack),
    );
    expect(error).toBeInstanceOf(ConflictingPropsError);
    expect(error.message).toMatch(/^Test\/Pattern\/Worker: pass either `existingQueueObj`/);
  });

  test('a heartbeat not below the timeout', () => {
    const error = thrown(() =>
      synthPattern({
        callbackTaskProps: { timeout: Duration.minutes(10), heartbeat: Duration.minutes(10) },
      }),
    );
    expect(error).toBeInstanceOf(HeartbeatNotBelowTimeoutError);
    expect(error.message).toMatch(/^Test\/Pattern\/Start Task And Wait For Callback: heartbeat/);
  });

  test('a visibility timeout below 6 × the function timeout', () => {
    const error = thrown(() =>
      synthPattern({
        lambdaFunctionProps: { ...FIXTURE_FUNCTION, timeout: Duration.minutes(2) },
        queueProps: { visibilityTimeout: Duration.minutes(5) },
      }),
    );
    expect(error).toBeInstanceOf(VisibilityTimeoutTooShortError);
    expect(error.message).toMatch(/\(300 s\) must be at least 6× the function timeout \(120 s\)/);
  });

  test('a FIFO queue without a message group id', () => {
    const error = thrown(() => synthPattern({ queueProps: { fifo: true } }));
    expect(error).toBeInstanceOf(FifoQueueError);
    expect(error.message).toMatch(/the queue is FIFO, so each message needs a `messageGroupId`/);
  });
});
