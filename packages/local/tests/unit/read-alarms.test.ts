import { describe, expect, it } from 'vitest';
import { readAlarms } from '../../src/assembly/read-alarms.js';
import {
  type IntrinsicContext,
  type ResolvedResource,
  resolveIntrinsics,
} from '../../src/assembly/resolve-intrinsics.js';

const context: IntrinsicContext = {
  region: 'us-east-1',
  account: '000000000000',
  stackName: 'S',
  parameters: {},
  resource: (id) =>
    (<Record<string, ResolvedResource>>{
      Machine: {
        ref: 'arn:aws:states:us-east-1:000000000000:stateMachine:S-Machine',
        attributes: {},
      },
      Dlq: { ref: 'http://q/S-Dlq', attributes: { QueueName: 'S-Dlq' } },
      Fn: { ref: 'S-Fn', attributes: {} },
      Topic: { ref: 'arn:aws:sns:us-east-1:000000000000:S-Topic', attributes: {} },
    })[id],
};
const resolve = (value: unknown) => resolveIntrinsics(value, context);
const name = (id: string) => `S-${id}`;

describe('readAlarms', () => {
  it('reads a single-metric alarm as CDK synthesizes it, dimensions resolved to local names', () => {
    const [alarm] = readAlarms(
      {
        Failed: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            Namespace: 'AWS/States',
            MetricName: 'ExecutionsFailed',
            Dimensions: [{ Name: 'StateMachineArn', Value: { Ref: 'Machine' } }],
            Statistic: 'Sum',
            Period: 60,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            EvaluationPeriods: 5,
            DatapointsToAlarm: 2,
            TreatMissingData: 'notBreaching',
            AlarmActions: [{ Ref: 'Topic' }],
            OKActions: [{ Ref: 'Topic' }],
            AlarmDescription: 'why',
          },
        },
        Queue: { Type: 'AWS::SQS::Queue' },
      },
      resolve,
      name,
    );
    expect(alarm).toEqual({
      logicalId: 'Failed',
      name: 'S-Failed',
      description: 'why',
      metric: {
        namespace: 'AWS/States',
        metricName: 'ExecutionsFailed',
        dimensions: {
          StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:S-Machine',
        },
        statistic: 'Sum',
        periodSeconds: 60,
      },
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 5,
      datapointsToAlarm: 2,
      treatMissingData: 'notBreaching',
      alarmActions: ['arn:aws:sns:us-east-1:000000000000:S-Topic'],
      okActions: ['arn:aws:sns:us-east-1:000000000000:S-Topic'],
    });
  });

  it("uses CloudWatch's defaults: datapoints = evaluation periods, missing data 'missing'; names and percentiles", () => {
    const [alarm] = readAlarms(
      {
        Slow: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            AlarmName: 'slow-worker',
            Namespace: 'AWS/Lambda',
            MetricName: 'Duration',
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'Fn' } }],
            ExtendedStatistic: 'p99',
            Period: 300,
            Threshold: 1000,
            ComparisonOperator: 'GreaterThanThreshold',
            EvaluationPeriods: 3,
          },
        },
      },
      resolve,
      name,
    );
    expect(alarm).toMatchObject({
      name: 'slow-worker',
      metric: { statistic: 'p99', periodSeconds: 300, dimensions: { FunctionName: 'S-Fn' } },
      datapointsToAlarm: 3,
      treatMissingData: 'missing',
    });
    expect(alarm?.unsupported).toBeUndefined();
  });

  it('reads metric math: its queries, the expression and which returns data', () => {
    const [alarm] = readAlarms(
      {
        Rate: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            Metrics: [
              { Id: 'expr_1', Expression: '100 * a / b', Label: 'rate' },
              {
                Id: 'a',
                ReturnData: false,
                MetricStat: {
                  Metric: {
                    Namespace: 'SfnCallback',
                    MetricName: 'CallbackAlreadyClosed',
                    Dimensions: [{ Name: 'Service', Value: { Ref: 'Fn' } }],
                  },
                  Period: 300,
                  Stat: 'Sum',
                },
              },
            ],
            Threshold: 5,
            ComparisonOperator: 'GreaterThanThreshold',
            EvaluationPeriods: 1,
          },
        },
      },
      resolve,
      name,
    );
    expect(alarm?.metrics).toEqual([
      { id: 'expr_1', expression: '100 * a / b', returnData: true },
      {
        id: 'a',
        returnData: false,
        metricStat: {
          metric: {
            namespace: 'SfnCallback',
            metricName: 'CallbackAlreadyClosed',
            dimensions: { Service: 'S-Fn' },
          },
          stat: 'Sum',
          periodSeconds: 300,
        },
      },
    ]);
    expect(alarm?.metric).toBeUndefined();
  });

  it('keeps what it cannot evaluate, saying why: anomaly detection, an unresolvable reference', () => {
    const alarms = readAlarms(
      {
        Band: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            Metrics: [{ Id: 'm', MetricStat: { Metric: {}, Period: 60, Stat: 'Sum' } }],
            ThresholdMetricId: 'band',
            ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
            EvaluationPeriods: 1,
          },
        },
        Elsewhere: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            Namespace: 'AWS/SQS',
            MetricName: 'ApproximateNumberOfMessagesVisible',
            Dimensions: [{ Name: 'QueueName', Value: { Ref: 'NotHere' } }],
          },
        },
      },
      resolve,
      name,
    );
    expect(alarms.map((a) => [a.logicalId, a.unsupported])).toEqual([
      [
        'Band',
        expect.stringMatching(/LessThanLowerOrGreaterThanUpperThreshold.*anomaly detection/),
      ],
      ['Elsewhere', expect.stringMatching(/NotHere/)],
    ]);
  });
});
