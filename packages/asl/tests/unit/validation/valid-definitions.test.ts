import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/validation/validate-definition.js';

/** The example app's machine: an SQS callback task that reports through SNS. */
const exampleApp = {
  Comment: 'Send a message and wait for the callback',
  StartAt: 'SendAndWait',
  States: {
    SendAndWait: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: {
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/queue',
        MessageBody: { 'TaskToken.$': '$$.Task.Token', 'Input.$': '$' },
      },
      TimeoutSeconds: 300,
      HeartbeatSeconds: 60,
      ResultPath: '$.callback',
      Catch: [
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'NotifyTimeout' },
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'NotifyFailure' },
      ],
      Next: 'NotifySuccess',
    },
    NotifySuccess: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: 'arn:aws:sns:us-east-1:111111111111:t', 'Message.$': '$.callback' },
      End: true,
    },
    NotifyTimeout: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: {
        TopicArn: 'arn:aws:sns:us-east-1:111111111111:t',
        'Message.$': "States.Format('timed out: {}', $.error.Cause)",
      },
      Next: 'Failed',
    },
    NotifyFailure: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sns:publish',
      Parameters: { TopicArn: 'arn:aws:sns:us-east-1:111111111111:t', 'Message.$': '$.error' },
      Next: 'Failed',
    },
    Failed: { Type: 'Fail', Error: 'CallbackFailed', Cause: 'See the notification' },
  },
};

describe('valid definitions', () => {
  it('accepts the example app state machine', () => {
    expect(validateDefinition(exampleApp)).toEqual([]);
    expect(validateDefinition(JSON.stringify(exampleApp))).toEqual([]);
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
