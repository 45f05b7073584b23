import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { CallbackWorker, type CallbackWorkerProps, ConflictingPropsError } from '../src/index.js';
import { FIXTURE_FUNCTION, templateOf, testStack } from './helpers.js';

function synthWorker(props: Partial<CallbackWorkerProps>) {
  const stack = testStack();
  new CallbackWorker(stack, 'Worker', { lambdaFunctionProps: FIXTURE_FUNCTION, ...props });
  return templateOf(stack);
}

describe('CallbackWorker eventSourceProps: the event source settings, passed through whole', () => {
  test('filters, enabled, batch settings and scaling reach the event source mapping', () => {
    const template = synthWorker({
      eventSourceProps: {
        batchSize: 5,
        maxBatchingWindow: Duration.seconds(3),
        maxConcurrency: 7,
        enabled: false,
        filters: [
          lambda.FilterCriteria.filter({ body: { kind: lambda.FilterRule.isEqual('order') } }),
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 3,
      ScalingConfig: { MaximumConcurrency: 7 },
      Enabled: false,
      FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["order"]}}' }] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('reportBatchItemFailures stays on: it is not a settable prop', () => {
    // @ts-expect-error the construct owns reportBatchItemFailures
    const template = synthWorker({ eventSourceProps: { reportBatchItemFailures: false } });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('the deprecated flat fields still work', () => {
    synthWorker({ batchSize: 3, maxConcurrency: 2 }).hasResourceProperties(
      'AWS::Lambda::EventSourceMapping',
      { BatchSize: 3, ScalingConfig: { MaximumConcurrency: 2 } },
    );
  });

  test('one setting given both ways is an error', () => {
    expect(() => synthWorker({ batchSize: 3, eventSourceProps: { batchSize: 4 } })).toThrow(
      ConflictingPropsError,
    );
  });

  test('the ranges are checked on eventSourceProps too', () => {
    expect(() => synthWorker({ eventSourceProps: { maxConcurrency: 1 } })).toThrow(
      /`maxConcurrency` must be an integer from 2 to 1000, got 1/,
    );
  });
});
