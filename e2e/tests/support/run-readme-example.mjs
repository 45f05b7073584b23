// Runs one compiled README example as a user would run the file, then, when it exports an
// SQS `handler`, invokes it with one callback record, and prints what it answered.
//
// Usage: node run-readme-example.mjs <compiled example .mjs>
// Environment: EXAMPLE_TASK_TOKEN (a token open at AWS_ENDPOINT_URL_SFN), EXAMPLE_STATE_MACHINE_ARN.
//
// What an example's hidden context only declares (`declare const token: string`, so that it
// compiles) is given a value here, as a global: the example's free names resolve to them.
import { pathToFileURL } from 'node:url';
import { TaskTokenClient } from '@sfn-callback/task-token';
import { TestMachine } from '@sfn-callback/testing';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: node run-readme-example.mjs <compiled example .mjs>');
const token = process.env.EXAMPLE_TASK_TOKEN;
if (!token) throw new Error('EXAMPLE_TASK_TOKEN is not set: give a token open at the endpoint');

const order = { orderId: 'o-1', amount: 5 };
const envelope = JSON.stringify({ TaskToken: token, Input: order });
const record = {
  messageId: 'm-1',
  receiptHandle: 'r-1',
  body: envelope,
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'AROAEXAMPLE',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:approvals',
  awsRegion: 'us-east-1',
};

// The testing README's mocks example: a machine with the Task states its mocks name (the
// mock file beside it, MockConfigFile.json, is written by the test).
const machine = TestMachine.fromDefinition(
  {
    StartAt: 'Reserve',
    States: {
      Reserve: lambdaTask('reserve', 'Price'),
      Price: lambdaTask('price', 'Charge'),
      Charge: lambdaTask('charge', 'Notify'),
      Notify: {
        Type: 'Task',
        Resource: 'arn:aws:states:::sns:publish',
        Parameters: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders', 'Message.$': '$' },
        End: true,
      },
    },
  },
  { name: 'Orders' },
);

function lambdaTask(functionName, next) {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: functionName, 'Payload.$': '$' },
    Next: next,
  };
}

Object.assign(globalThis, {
  machine,
  token,
  record,
  order,
  stateMachineArn: process.env.EXAMPLE_STATE_MACHINE_ARN,
  tasks: new TaskTokenClient(),
  buildReport: async () => ({ pages: 1 }),
  work: async (input) => ({ done: input !== undefined }),
});

const example = await import(pathToFileURL(file).href);
if (typeof example.handler === 'function') {
  const context = {
    functionName: 'readme-example',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:readme-example',
    memoryLimitInMB: '128',
    awsRequestId: 'request-1',
    logGroupName: '/aws/lambda/readme-example',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
  };
  const answer = await example.handler({ Records: [record] }, context);
  console.log(`handler answered ${JSON.stringify(answer)}`);
}
