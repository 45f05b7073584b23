import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/validation/validate-definition.js';

/** The example app's machine (packages/cdk CallbackPattern), in either query language. */
function exampleApp(jsonata: boolean): Record<string, unknown> {
  const topic = 'arn:aws:sns:us-east-1:111111111111:topic';
  const catchProps = jsonata
    ? { Output: '{% {"input": $states.input, "error": $states.errorOutput} %}' }
    : { ResultPath: '$.error' };
  const notify = (next?: string) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::sns:publish',
    ...(jsonata
      ? {
          Arguments: { TopicArn: topic, Message: '{% $string($states.input) %}' },
          Output: '{% $states.input %}',
        }
      : {
          Parameters: { TopicArn: topic, 'Message.$': 'States.JsonToString($)' },
          ResultPath: null,
        }),
    ...(next ? { Next: next } : { End: true }),
  });
  return {
    ...(jsonata ? { QueryLanguage: 'JSONata' } : {}),
    StartAt: 'Start Task And Wait For Callback',
    States: {
      'Start Task And Wait For Callback': {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        ...(jsonata
          ? {
              Arguments: {
                QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/queue',
                MessageBody: {
                  TaskToken: '{% $states.context.Task.Token %}',
                  Input: '{% $states.input %}',
                },
              },
            }
          : {
              Parameters: {
                QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/queue',
                MessageBody: { 'TaskToken.$': '$$.Task.Token', 'Input.$': '$' },
              },
            }),
        TimeoutSeconds: 3600,
        HeartbeatSeconds: 600,
        Catch: [
          {
            ErrorEquals: ['States.HeartbeatTimeout', 'States.Timeout'],
            ...catchProps,
            Next: 'Notify Failure',
          },
          { ErrorEquals: ['States.ALL'], ...catchProps, Next: 'Notify Failure' },
        ],
        Next: 'Notify Success',
      },
      'Notify Success': {
        ...notify(),
        Catch: [{ ErrorEquals: ['States.ALL'], ...catchProps, Next: 'Notify Failure' }],
      },
      'Notify Failure': notify('Fail'),
      Fail: jsonata
        ? {
            Type: 'Fail',
            Error: '{% $states.input.error.Error %}',
            Cause: 'The callback task failed',
          }
        : { Type: 'Fail', ErrorPath: '$.error.Error', Cause: 'The callback task failed' },
    },
  };
}

describe('valid definitions', () => {
  it('accepts the example app state machine, in JSONPath and JSONata, parsed or as text', () => {
    for (const jsonata of [false, true]) {
      expect(validateDefinition(exampleApp(jsonata))).toEqual([]);
      expect(validateDefinition(JSON.stringify(exampleApp(jsonata)))).toEqual([]);
      expect(validateDefinition(exampleApp(jsonata), { severity: 'WARNING' })).toEqual([]);
    }
  });

  it('accepts a JSONata machine with Map, Parallel, Choice and Assign', () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { count: 0 }, Output: '{% $states.input %}', Next: 'Fan' },
        Fan: {
          Type: 'Map',
          Items: '{% $states.input.items %}',
          MaxConcurrency: 2,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Work',
            States: { Work: { Type: 'Pass', Output: '{% $states.input * 2 %}', End: true } },
          },
          Output: { doubled: '{% $states.result %}' },
          Next: 'Both',
        },
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Succeed' } } },
          ],
          Catch: [
            { ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'Oops' },
          ],
          Next: 'Pick',
        },
        Pick: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $count > 1 %}', Next: 'Done' }],
          Default: 'Done',
        },
        Oops: { Type: 'Fail', Error: 'Oops' },
        Done: { Type: 'Succeed' },
      },
    };
    expect(validateDefinition(def)).toEqual([]);
  });
});
