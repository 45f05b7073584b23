import { Duration } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { describe, expect, test } from 'vitest';
import { CallbackPattern, type CallbackPatternProps, CallbackWorker } from '../src/index.js';
import { FIXTURE_FUNCTION, templateOf, testStack } from './helpers.js';

function synthPattern(props: Partial<CallbackPatternProps> = {}) {
  const stack = testStack();
  const pattern = new CallbackPattern(stack, 'Pattern', {
    lambdaFunctionProps: FIXTURE_FUNCTION,
    ...props,
  });
  return { stack, pattern, template: templateOf(stack) };
}

type AlarmResource = { Properties: Record<string, unknown> };

function alarms(template: Template): Record<string, AlarmResource> {
  return template.findResources('AWS::CloudWatch::Alarm') as Record<string, AlarmResource>;
}

/** The alarm whose logical id starts with the construct path's ids (e.g. PatternAlarmsExecutionsFailed). */
function alarmNamed(template: Template, prefix: string): Record<string, unknown> {
  const found = Object.entries(alarms(template)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one alarm ${prefix}, found ${found.length}`);
  const [entry] = found as [[string, AlarmResource]];
  return entry[1].Properties;
}

// Written out literally, not from ALARM_DEFAULTS: a typo in a metric name or dimension
// there (ExecutionsThrottled for ExecutionThrottled) must fail here.
const EXPECTED = [
  [
    'PatternAlarmsExecutionsFailed',
    'AWS/States',
    'ExecutionsFailed',
    'StateMachineArn',
    'Sum',
    1,
    'GreaterThanOrEqualToThreshold',
  ],
  [
    'PatternAlarmsExecutionsTimedOut',
    'AWS/States',
    'ExecutionsTimedOut',
    'StateMachineArn',
    'Sum',
    1,
    'GreaterThanOrEqualToThreshold',
  ],
  [
    'PatternAlarmsExecutionsThrottled',
    'AWS/States',
    'ExecutionThrottled',
    'StateMachineArn',
    'Sum',
    1,
    'GreaterThanOrEqualToThreshold',
  ],
  [
    'PatternAlarmsExecutionsAborted',
    'AWS/States',
    'ExecutionsAborted',
    'StateMachineArn',
    'Sum',
    1,
    'GreaterThanOrEqualToThreshold',
  ],
  [
    'PatternWorkerAlarmsDeadLetterQueueDepth',
    'AWS/SQS',
    'ApproximateNumberOfMessagesVisible',
    'QueueName',
    'Maximum',
    0,
    'GreaterThanThreshold',
  ],
  [
    'PatternWorkerAlarmsQueueAge',
    'AWS/SQS',
    'ApproximateAgeOfOldestMessage',
    'QueueName',
    'Maximum',
    240,
    'GreaterThanThreshold',
  ],
  [
    'PatternWorkerAlarmsWorkerErrors',
    'AWS/Lambda',
    'Errors',
    'FunctionName',
    'Sum',
    1,
    'GreaterThanOrEqualToThreshold',
  ],
  [
    'PatternWorkerAlarmsWorkerThrottles',
    'AWS/Lambda',
    'Throttles',
    'FunctionName',
    'Sum',
    1,
    'GreaterThanOrEqualToThreshold',
  ],
  [
    'PatternWorkerAlarmsWorkerDuration',
    'AWS/Lambda',
    'Duration',
    'FunctionName',
    'Maximum',
    27_000,
    'GreaterThanThreshold',
  ],
  [
    'PatternWorkerAlarmsPoisonMessages',
    'SfnCallback',
    'PoisonMessages',
    'Service',
    'Sum',
    1,
    'GreaterThanOrEqualToThreshold',
  ],
] as const;

describe('CallbackPattern alarms by default', () => {
  const { template, pattern } = synthPattern();

  test('eleven alarms, each a property of the pattern', () => {
    expect(Object.keys(alarms(template))).toHaveLength(11);
    expect(Object.keys(pattern.alarms).sort()).toEqual(
      [
        'alreadyClosedRate',
        'deadLetterQueueDepth',
        'executionsAborted',
        'executionsFailed',
        'executionsThrottled',
        'executionsTimedOut',
        'poisonMessages',
        'queueAge',
        'workerDuration',
        'workerErrors',
        'workerThrottles',
      ].sort(),
    );
    expect(pattern.alarms.queueAge).toBe(pattern.worker.alarms.queueAge);
  });

  test.each(EXPECTED)(
    '%s: %s %s per %s, %s, threshold %d, %s, notBreaching',
    (prefix, namespace, metricName, dimension, statistic, threshold, comparison) => {
      const alarm = alarmNamed(template, prefix);
      expect(alarm).toMatchObject({
        Namespace: namespace,
        MetricName: metricName,
        Statistic: statistic,
        Threshold: threshold,
        ComparisonOperator: comparison,
        TreatMissingData: 'notBreaching',
        Period: 60,
      });
      expect((alarm.Dimensions as { Name: string }[]).map((d) => d.Name)).toEqual([dimension]);
    },
  );

  test('the dimensions point at the pattern\u2019s own resources', () => {
    const dims = (prefix: string) =>
      (alarmNamed(template, prefix).Dimensions as { Value: unknown }[])[0]?.Value;
    expect(dims('PatternAlarmsExecutionsFailed')).toEqual({
      Ref: expect.stringMatching(/^PatternStateMachine/),
    });
    expect(dims('PatternWorkerAlarmsDeadLetterQueueDepth')).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^PatternWorkerDeadLetterQueue/), 'QueueName'],
    });
    expect(dims('PatternWorkerAlarmsQueueAge')).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^PatternWorkerQueue/), 'QueueName'],
    });
    expect(dims('PatternWorkerAlarmsWorkerErrors')).toEqual({
      Ref: expect.stringMatching(/^PatternWorkerFunction/),
    });
    // The wrapper's default Service dimension is the function name.
    expect(dims('PatternWorkerAlarmsPoisonMessages')).toEqual(
      dims('PatternWorkerAlarmsWorkerErrors'),
    );
  });

  test('throttles alarm on 3 of 5 minutes; the others on one', () => {
    expect(alarmNamed(template, 'PatternWorkerAlarmsWorkerThrottles')).toMatchObject({
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
    });
    expect(alarmNamed(template, 'PatternAlarmsExecutionsFailed')).toMatchObject({
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
    });
  });

  test('the already-closed rate is a percentage of the answered records over 5 minutes', () => {
    const alarm = alarmNamed(template, 'PatternWorkerAlarmsAlreadyClosedRate');
    expect(alarm).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold' });
    const queries = alarm.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: {
        Period: number;
        Stat: string;
        Metric: { MetricName: string; Namespace: string };
      };
    }[];
    const expression = queries.find((q) => q.Expression);
    expect(expression?.Expression).toBe('100 * closed / (succeeded + failed + closed)');
    const names = Object.fromEntries(
      queries.flatMap((q) => (q.MetricStat ? [[q.Id, q.MetricStat.Metric.MetricName]] : [])),
    );
    expect(names).toEqual({
      closed: 'CallbackAlreadyClosed',
      succeeded: 'CallbackSucceeded',
      failed: 'CallbackFailed',
    });
    for (const { MetricStat } of queries.filter((q) => q.MetricStat)) {
      expect(MetricStat).toMatchObject({ Period: 300, Stat: 'Sum' });
      expect(MetricStat?.Metric.Namespace).toBe('SfnCallback');
    }
  });

  test('no actions without an alarm topic', () => {
    for (const alarm of Object.values(alarms(template))) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
    }
  });
});

describe('derived thresholds', () => {
  test('queue age: 80 % of the callback task\u2019s heartbeat; duration: 90 % of the function timeout', () => {
    const { template } = synthPattern({
      callbackTaskProps: { heartbeat: Duration.minutes(10), timeout: Duration.minutes(30) },
      lambdaFunctionProps: { ...FIXTURE_FUNCTION, timeout: Duration.minutes(1) },
    });
    expect(alarmNamed(template, 'PatternWorkerAlarmsQueueAge').Threshold).toBe(480);
    expect(alarmNamed(template, 'PatternWorkerAlarmsWorkerDuration').Threshold).toBe(54_000);
  });

  test('a worker alone derives queue age from taskHeartbeat, and has no execution alarms', () => {
    const stack = testStack();
    const worker = new CallbackWorker(stack, 'Worker', {
      lambdaFunctionProps: FIXTURE_FUNCTION,
      taskHeartbeat: Duration.seconds(100),
    });
    const template = templateOf(stack);
    expect(Object.keys(alarms(template))).toHaveLength(7);
    expect(alarmNamed(template, 'WorkerAlarmsQueueAge').Threshold).toBe(80);
    expect(Object.keys(worker.alarms)).not.toContain('executionsFailed');
  });

  test('an imported function of unknown timeout gets no duration alarm, unless given a threshold', () => {
    const stack = testStack();
    const fn = lambda.Function.fromFunctionName(stack, 'Imported', 'my-worker');
    const common = {
      existingLambdaObj: fn,
      queueProps: { visibilityTimeout: Duration.minutes(3) },
    };
    const without = new CallbackWorker(stack, 'A', common);
    const withThreshold = new CallbackWorker(stack, 'B', {
      ...common,
      alarms: { workerDuration: { threshold: 5000 } },
    });
    expect(without.alarms.workerDuration).toBeUndefined();
    expect(withThreshold.alarms.workerDuration).toBeDefined();
    expect(alarmNamed(templateOf(stack), 'BAlarmsWorkerDuration').Threshold).toBe(5000);
  });
});

describe('overrides', () => {
  test('per alarm: threshold, periods, datapoints, missing data, or false to drop it', () => {
    const { template, pattern } = synthPattern({
      alarms: {
        executionsFailed: {
          threshold: 3,
          evaluationPeriods: 5,
          datapointsToAlarm: 2,
          period: Duration.minutes(5),
          treatMissingData: cloudwatch.TreatMissingData.MISSING,
        },
        workerThrottles: { evaluationPeriods: 2 },
        executionsAborted: false,
        poisonMessages: false,
      },
    });
    expect(alarmNamed(template, 'PatternAlarmsExecutionsFailed')).toMatchObject({
      Threshold: 3,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 2,
      Period: 300,
      TreatMissingData: 'missing',
    });
    // evaluationPeriods alone: M of N becomes N of N
    expect(alarmNamed(template, 'PatternWorkerAlarmsWorkerThrottles')).toMatchObject({
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
    });
    expect(Object.keys(alarms(template))).toHaveLength(9);
    expect(pattern.alarms.executionsAborted).toBeUndefined();
    expect(pattern.alarms.poisonMessages).toBeUndefined();
  });

  test('alarms: false creates none', () => {
    const { template, pattern } = synthPattern({ alarms: false, alarmTopic: 'create' });
    expect(Object.keys(alarms(template))).toHaveLength(0);
    expect(pattern.alarms).toEqual({});
    template.resourceCountIs('AWS::SNS::Topic', 1); // only the notification topic
  });

  test('outcomeMetrics follows the wrapper\u2019s own namespace, service and dimensions', () => {
    const { template } = synthPattern({
      outcomeMetrics: {
        namespace: 'Orders',
        service: 'orders-worker',
        dimensions: { Stage: 'prod' },
      },
    });
    expect(alarmNamed(template, 'PatternWorkerAlarmsPoisonMessages')).toMatchObject({
      Namespace: 'Orders',
      Dimensions: [
        { Name: 'Service', Value: 'orders-worker' },
        { Name: 'Stage', Value: 'prod' },
      ],
    });
  });
});

describe('alarm topic', () => {
  test("'create': an encrypted, TLS-only topic CloudWatch may publish to, for ALARM and OK", () => {
    const { template, pattern } = synthPattern({ alarmTopic: 'create' });
    template.resourceCountIs('AWS::SNS::Topic', 2);
    const topicId = template.getResourceId('AWS::SNS::Topic', {
      Properties: {
        KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PatternAlarmTopicKey'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    for (const alarm of Object.values(alarms(template))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
    expect(pattern.alarmTopic).toBeDefined();
  });

  test('your own topic; OK actions off', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Ops', { enforceSSL: true });
    new CallbackPattern(stack, 'Pattern', {
      lambdaFunctionProps: FIXTURE_FUNCTION,
      alarmTopic: topic,
      alarmOkActions: false,
    });
    const template = templateOf(stack);
    const opsId = stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic);
    for (const alarm of Object.values(alarms(template))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: opsId }]);
      expect(alarm.Properties.OKActions).toBeUndefined();
    }
  });
});

describe('dashboard', () => {
  test('off by default; on, it graphs executions, latency, queues, DLQ, outcomes and the alarms', () => {
    expect(synthPattern().pattern.dashboard).toBeUndefined();
    const { template, pattern } = synthPattern({ dashboard: { dashboardName: 'callback' } });
    expect(pattern.dashboard).toBeDefined();
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const name of [
      'ExecutionsFailed',
      'ExecutionThrottled',
      'CallbackLatency',
      'ApproximateAgeOfOldestMessage',
      'ApproximateNumberOfMessagesVisible',
      'PoisonMessages',
      'CallbackAlreadyClosed',
      'Duration',
      '"type\\":\\"alarm\\"',
    ]) {
      expect(body).toContain(name);
    }
    expect(dashboard?.Properties.DashboardName).toBe('callback');
  });
});
