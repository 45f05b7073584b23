import { Duration, type Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { describe, expect, test } from 'vitest';
import {
  CallbackWorker,
  type CallbackWorkerProps,
  ConflictingPropsError,
  DEFAULT_RUNTIME,
  ExpressStateMachineError,
  FifoQueueError,
  InvalidPropError,
  MissingPropError,
  VisibilityTimeoutTooShortError,
} from '../src/index.js';
import { FIXTURE_FUNCTION, policyStatements, templateOf, testStack, thrown } from './helpers.js';

function synthWorker(props: Partial<CallbackWorkerProps> = {}, stack = testStack()) {
  const worker = new CallbackWorker(stack, 'Worker', {
    ...(props.existingLambdaObj ? {} : { lambdaFunctionProps: FIXTURE_FUNCTION }),
    ...props,
  });
  return { stack, worker, template: templateOf(stack) };
}

const inlineFunction = (stack: Stack, timeout?: Duration) =>
  new lambda.Function(stack, 'Own', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = async () => ({});'),
    timeout,
  });

describe('CallbackWorker defaults', () => {
  const { stack, template, worker } = synthWorker();

  test('queue: SSE-SQS, visibility timeout 6 × 30 s, DLQ after 3 receives', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'Arn'] },
        maxReceiveCount: 3,
      },
    });
    expect(worker.visibilityTimeoutSeconds).toBe(180);
  });

  test('dead-letter queue: SSE-SQS, 14 days retention', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
      RedrivePolicy: Match.absent(),
    });
    // The exposed dead-letter queue is the one the queue redrives to, and the one kept 14 days.
    const dlq = worker.deadLetterQueue;
    expect(dlq).toBeInstanceOf(sqs.Queue);
    const dlqId = stack.getLogicalId((dlq as sqs.Queue).node.defaultChild as sqs.CfnQueue);
    expect(template.findResources('AWS::SQS::Queue')[dlqId]?.Properties).toMatchObject({
      MessageRetentionPeriod: 1_209_600,
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
    });
  });

  test('both queues deny requests without TLS (enforceSSL)', () => {
    const policies = template.findResources('AWS::SQS::QueuePolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sqs:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  test('function: Node.js 24, arm64, 512 MB, 30 s, X-Ray active, JSON logs, source maps', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 30,
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
      LoggingConfig: {
        LogFormat: 'JSON',
        LogGroup: { Ref: Match.stringLikeRegexp('FunctionLogGroup') },
      },
      Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('the runtime is the newest Node.js runtime aws-cdk-lib offers', () => {
    const versions = Object.values(lambda.Runtime)
      .filter((r): r is lambda.Runtime => r instanceof lambda.Runtime)
      .map((r) => /^nodejs(\d+)\.x$/.exec(r.name)?.[1])
      .filter((v): v is string => v !== undefined)
      .map(Number);
    expect(DEFAULT_RUNTIME.name).toBe(`nodejs${Math.max(...versions)}.x`);
    expect(DEFAULT_RUNTIME).toBe(lambda.Runtime.NODEJS_24_X);
  });

  test('event source mapping: batch 10, ReportBatchItemFailures, no concurrency cap', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: Match.absent(),
      MaximumBatchingWindowInSeconds: Match.absent(),
    });
  });

  test('role: no managed policies; logs, queue and X-Ray permissions only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: Match.absent(),
    });
    const statements = policyStatements(template);
    expect(statements.map((s) => s.Action)).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      [
        'sqs:ReceiveMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueUrl',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
      ],
    ]);
    expect(statements[0]?.Resource).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/FunctionLogGroup/), 'Arn'],
    });
  });

  test('outputs are exposed', () => {
    expect(worker.queue).toBeInstanceOf(sqs.Queue);
    expect(worker.lambdaFunction).toBeInstanceOf(lambda.Function);
    expect(worker.functionLogGroup).toBeInstanceOf(logs.LogGroup);
    // The exposed event source is the template's one mapping.
    const mappings = Object.keys(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    expect(stack.resolve(worker.eventSource.eventSourceMappingId)).toEqual({ Ref: mappings[0] });
  });
});

describe('CallbackWorker props', () => {
  test('lambdaFunctionProps: timeout drives the visibility timeout; overrides and env merge', () => {
    const { template } = synthWorker({
      lambdaFunctionProps: {
        ...FIXTURE_FUNCTION,
        timeout: Duration.minutes(1),
        memorySize: 1024,
        environment: { STAGE: 'test' },
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 360 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 60,
      MemorySize: 1024,
      Environment: { Variables: { STAGE: 'test', NODE_OPTIONS: '--enable-source-maps' } },
    });
  });

  test('queueProps: a long enough visibility timeout and other settings are kept', () => {
    const { template } = synthWorker({
      queueProps: { visibilityTimeout: Duration.minutes(10), retentionPeriod: Duration.days(2) },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 600,
      MessageRetentionPeriod: 172_800,
      SqsManagedSseEnabled: true,
    });
  });

  test('queueProps: fifo makes a FIFO queue with content-based deduplication and a FIFO DLQ', () => {
    const { template, worker } = synthWorker({ queueProps: { fifo: true } });
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: true,
      RedrivePolicy: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      RedrivePolicy: Match.absent(),
    });
    expect(worker.queue.fifo).toBe(true);
  });

  test('deadLetterQueueProps and maxReceiveCount', () => {
    const { template } = synthWorker({
      deadLetterQueueProps: { retentionPeriod: Duration.days(7) },
      maxReceiveCount: 5,
    });
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 604_800 });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
    });
  });

  test('encryptionKey: both queues use the key; the function may decrypt with it', () => {
    const stack = testStack();
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const { template } = synthWorker({ encryptionKey }, stack);
    const queues = Object.values(template.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(2);
    for (const queue of queues) {
      expect(queue.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': ['Key961B73FD', 'Arn'] });
      expect(queue.Properties.SqsManagedSseEnabled).toBeUndefined();
    }
    expect(policyStatements(template)).toContainEqual(
      expect.objectContaining({
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
      }),
    );
  });

  test('batchSize, maxConcurrency, maxBatchingWindow', () => {
    const { template } = synthWorker({
      batchSize: 50,
      maxConcurrency: 4,
      maxBatchingWindow: Duration.seconds(2),
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 50,
      ScalingConfig: { MaximumConcurrency: 4 },
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('logRetention', () => {
    const { template } = synthWorker({ logRetention: logs.RetentionDays.ONE_YEAR });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  test('existingQueueObj: no queue is created, the function consumes the given one', () => {
    const stack = testStack();
    const existingQueueObj = new sqs.Queue(stack, 'Mine', {
      visibilityTimeout: Duration.minutes(3),
    });
    const { template, worker } = synthWorker({ existingQueueObj }, stack);
    template.resourceCountIs('AWS::SQS::Queue', 1);
    expect(worker.queue).toBe(existingQueueObj);
    expect(worker.deadLetterQueue).toBeUndefined();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Mine'), 'Arn'] },
    });
  });

  test('existingLambdaObj: no function is created; its timeout drives the visibility timeout', () => {
    const stack = testStack();
    const existingLambdaObj = inlineFunction(stack, Duration.seconds(20));
    const { template, worker } = synthWorker({ existingLambdaObj }, stack);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    expect(worker.lambdaFunction).toBe(existingLambdaObj);
    expect(worker.functionLogGroup).toBeUndefined();
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 120 });
  });

  test('existingLambdaObj without a timeout: Lambda default (3 s) × 6', () => {
    const stack = testStack();
    const { template } = synthWorker({ existingLambdaObj: inlineFunction(stack) }, stack);
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 18 });
  });

  test('lambdaFunctionProps.logGroup: no log group is created, the role may write to the given one', () => {
    const stack = testStack();
    const logGroup = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_WEEK });
    const { template, worker } = synthWorker(
      { lambdaFunctionProps: { ...FIXTURE_FUNCTION, logGroup } },
      stack,
    );
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    expect(worker.functionLogGroup).toBe(logGroup);
    expect(policyStatements(template)).toContainEqual({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Effect: 'Allow',
      Resource: {
        'Fn::GetAtt': [stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup), 'Arn'],
      },
    });
  });

  test('existingQueueObj with a dead-letter queue: it is exposed', () => {
    const stack = testStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    const existingQueueObj = new sqs.Queue(stack, 'Mine', {
      visibilityTimeout: Duration.minutes(3),
      deadLetterQueue: { queue: dlq, maxReceiveCount: 2 },
    });
    const { worker } = synthWorker({ existingQueueObj }, stack);
    expect(worker.deadLetterQueue).toBe(dlq);
  });

  test('grantTaskResponse: SendTask* on this one state machine, never states:* or *', () => {
    const stack = testStack();
    const worker = new CallbackWorker(stack, 'Worker', { lambdaFunctionProps: FIXTURE_FUNCTION });
    const machine = new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
    });
    worker.grantTaskResponse(machine);
    const statements = policyStatements(templateOf(stack));
    const states = statements.filter((s) => JSON.stringify(s.Action).includes('states:'));
    expect(states).toEqual([
      {
        Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        Effect: 'Allow',
        Resource: { Ref: stack.getLogicalId(machine.node.defaultChild as sfn.CfnStateMachine) },
      },
    ]);
  });
});

describe('CallbackWorker construct-time errors', () => {
  test('existingQueueObj and queueProps', () => {
    const stack = testStack();
    const error = thrown(() =>
      synthWorker({ existingQueueObj: new sqs.Queue(stack, 'Q'), queueProps: {} }, stack),
    );
    expect(error).toBeInstanceOf(ConflictingPropsError);
    expect(error.message).toMatch(
      /^Test\/Worker: pass either `existingQueueObj` or `queueProps`, not both\./,
    );
  });

  test('existingLambdaObj and lambdaFunctionProps', () => {
    const stack = testStack();
    const error = thrown(() =>
      synthWorker(
        { existingLambdaObj: inlineFunction(stack), lambdaFunctionProps: FIXTURE_FUNCTION },
        stack,
      ),
    );
    expect(error).toBeInstanceOf(ConflictingPropsError);
    expect(error.message).toMatch(/pass either `existingLambdaObj` or `lambdaFunctionProps`/);
  });

  test('visibility timeout below 6 × the function timeout', () => {
    const error = thrown(() =>
      synthWorker({ queueProps: { visibilityTimeout: Duration.seconds(179) } }),
    );
    expect(error).toBeInstanceOf(VisibilityTimeoutTooShortError);
    expect(error.message).toMatch(
      /^Test\/Worker: the queue's visibility timeout \(179 s\) must be at least 6× the function timeout \(30 s\), i\.e\. at least 180 s\./,
    );
  });

  test('an existing queue whose visibility timeout is too short', () => {
    const stack = testStack();
    const error = thrown(() =>
      synthWorker({ existingQueueObj: new sqs.Queue(stack, 'Short') }, stack),
    );
    expect(error).toBeInstanceOf(VisibilityTimeoutTooShortError);
    expect(error.message).toMatch(/visibility timeout \(30 s\)/);
  });

  test('no function: neither lambdaFunctionProps.entry nor existingLambdaObj', () => {
    const error = thrown(() => new CallbackWorker(testStack(), 'Worker', {}));
    expect(error).toBeInstanceOf(MissingPropError);
    expect(error.message).toMatch(/pass `lambdaFunctionProps.entry`/);
  });

  test('an imported function without a visibility timeout', () => {
    const stack = testStack();
    const existingLambdaObj = lambda.Function.fromFunctionArn(
      stack,
      'Imported',
      'arn:aws:lambda:eu-west-1:123456789012:function:worker',
    );
    const error = thrown(() => synthWorker({ existingLambdaObj }, stack));
    expect(error).toBeInstanceOf(MissingPropError);
    expect(error.message).toMatch(/Set `queueProps.visibilityTimeout`/);
  });

  test('a FIFO queue with a standard dead-letter queue', () => {
    const stack = testStack();
    const error = thrown(() =>
      synthWorker(
        {
          queueProps: {
            fifo: true,
            deadLetterQueue: { queue: new sqs.Queue(stack, 'Standard'), maxReceiveCount: 3 },
          },
        },
        stack,
      ),
    );
    expect(error).toBeInstanceOf(FifoQueueError);
    expect(error.message).toMatch(/the queue is FIFO but its dead-letter queue is not/);
  });

  test('a batch size out of range', () => {
    const error = thrown(() => synthWorker({ batchSize: 0 }));
    expect(error).toBeInstanceOf(InvalidPropError);
    expect(error.message).toBe(
      'Test/Worker: `batchSize` must be an integer from 1 to 10000, got 0.',
    );
  });

  test('grantTaskResponse to an EXPRESS state machine', () => {
    const stack = testStack();
    const worker = new CallbackWorker(stack, 'Worker', { lambdaFunctionProps: FIXTURE_FUNCTION });
    const machine = new sfn.StateMachine(stack, 'Express', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Pass')),
    });
    const error = thrown(() => worker.grantTaskResponse(machine));
    expect(error).toBeInstanceOf(ExpressStateMachineError);
    expect(error.message).toMatch(
      /^Test\/Worker: the callback pattern needs a STANDARD state machine/,
    );
  });
});
