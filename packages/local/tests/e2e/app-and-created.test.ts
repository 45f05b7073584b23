/**
 * `serve` with a CDK app and Step Functions Local's mock file together: a state machine
 * created through the API runs with the app's integrations (its queue, whose worker answers
 * the callback), a test case mocks a state of the app's own state machine, and a mock file
 * naming a state the app's state machine lacks stops `serve` at start.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { historyOf, localClient, waitForEnd } from '../support/sfn-client.js';

const APP_MACHINE = 'CallbackFixture-CallbackStateMachineD8508698';
const APP_ARN = `arn:aws:states:us-east-1:000000000000:stateMachine:${APP_MACHINE}`;
const CALLBACK_STATE = 'Start Task And Wait For Callback';

function mockFile(states: Record<string, string>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sfn-app-mock-')), 'MockConfigFile.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        StateMachines: { [APP_MACHINE]: { TestCases: { Mocked: states } } },
        MockedResponses: { Approved: { '0': { Return: { approvedBy: 'mock' } } } },
      },
      null,
      2,
    ),
  );
  return file;
}

describe('serve with an app and a mock file', () => {
  let app: string;
  let serve: ServeProcess;
  let sfn: SFNClient;

  beforeAll(async () => {
    app = await synthFixture({ heartbeatSeconds: 30, timeoutSeconds: 60 });
    serve = await startServe([
      '--app',
      app,
      '--mock-config',
      mockFile({ [CALLBACK_STATE]: 'Approved' }),
    ]);
    sfn = localClient(serve.endpointUrl);
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    removeFixtures();
  });

  it('runs a created state machine against the app queue: the app worker answers its callback', async () => {
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: APP_ARN }));
    const queueUrl = JSON.parse(described.definition as string).States[CALLBACK_STATE].Parameters
      .QueueUrl as string;
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'ViaApi',
        roleArn: 'arn:aws:iam::000000000000:role/r',
        definition: JSON.stringify({
          StartAt: 'Ask',
          States: {
            Ask: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              Parameters: {
                QueueUrl: queueUrl,
                MessageBody: { 'TaskToken.$': '$$.Task.Token', 'Input.$': '$' },
              },
              TimeoutSeconds: 30,
              End: true,
            },
          },
        }),
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"order":7}' }),
    );
    const ended = await waitForEnd(sfn, executionArn as string);
    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output as string)).toMatchObject({ processed: { order: 7 } });
  });

  it('a test case mocks a state of the app state machine; the rest still runs on the app', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: `${APP_ARN}#Mocked`, input: '{"order":8}' }),
    );
    const ended = await waitForEnd(sfn, executionArn as string);
    expect(ended.status).toBe('SUCCEEDED');
    const events = await historyOf(sfn, executionArn as string);
    const callback = events.find(
      (e) =>
        e.type === 'TaskSucceeded' &&
        e.taskSucceededEventDetails?.resource === 'sendMessage.waitForTaskToken',
    );
    expect(JSON.parse(callback?.taskSucceededEventDetails?.output as string)).toEqual({
      approvedBy: 'mock',
    });
    // Notify Success (SNS publish) is not mocked: the app's topic got it.
    expect(
      events.some(
        (e) => e.type === 'TaskSucceeded' && e.taskSucceededEventDetails?.resourceType === 'sns',
      ),
    ).toBe(true);
  });

  it('refuses, at start, a mock file naming a state the app state machine lacks (exit 2)', async () => {
    await expect(
      startServe(['--app', app, '--mock-config', mockFile({ 'No Such State': 'Approved' })]),
    ).rejects.toThrow(
      /serve exited with 2 before listening[\s\S]*\(line 6, \/StateMachines\/CallbackFixture-CallbackStateMachineD8508698\/TestCases\/Mocked\/No Such State\): test case "Mocked" mocks the state "No Such State"/,
    );
  });
});
