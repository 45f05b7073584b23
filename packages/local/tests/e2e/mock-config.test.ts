/**
 * Step Functions Local's mock configuration file, through `serve --mock-config` and the
 * SDK: AWS's own documented example (LambdaSQSIntegration: HappyPath, RetryPath,
 * HybridPath) run unchanged, `stateMachineArn#TestCase` selecting the case, and mocked
 * `.waitForTaskToken` and `.sync` tasks as Step Functions Local and LocalStack run them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CreateStateMachineCommand,
  ListExecutionsCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { historyOf, localClient, waitForEnd } from '../support/sfn-client.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/mock-config/${name}`, import.meta.url));
const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';

describe('the mock configuration file (AWS documentation example), through the SDK', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;
  let arn: string;

  beforeAll(async () => {
    serve = await startServe(['--mock-config', fixture('aws-docs-MockConfigFile.json')]);
    sfn = localClient(serve.endpointUrl);
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'LambdaSQSIntegration',
        definition: readFileSync(fixture('lambda-sqs-integration.asl.json'), 'utf8'),
        roleArn: ROLE,
      }),
    );
    arn = created.stateMachineArn as string;
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  async function run(testCase: string) {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: `${arn}#${testCase}`, input: '{"n":1}' }),
    );
    const described = await waitForEnd(sfn, executionArn as string);
    return { described, events: await historyOf(sfn, executionArn as string) };
  }

  it('HappyPath: both states answer their mocked Return; the execution belongs to the plain ARN', async () => {
    const { described, events } = await run('HappyPath');
    expect(described.status).toBe('SUCCEEDED');
    expect(described.stateMachineArn).toBe(arn);
    expect(described.executionArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:execution:LambdaSQSIntegration:[0-9a-f-]{36}$/,
    );
    expect(JSON.parse(described.output as string)).toEqual({
      MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51',
      MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51',
    });
    const lambda = events.find((e) => e.type === 'TaskSucceeded');
    expect(JSON.parse(lambda?.taskSucceededEventDetails?.output as string)).toEqual({
      StatusCode: 200,
      Payload: { StatusCode: 200, body: 'Hello from Lambda!' },
    });
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(listed.executions?.map((e) => e.executionArn)).toContain(described.executionArn);
  });

  it('RetryPath: invocation 0 and 1-2 throw, 3 returns; the Retry runs through all four', async () => {
    const { described, events } = await run('RetryPath');
    expect(described.status).toBe('SUCCEEDED');
    const failures = events
      .filter((e) => e.type === 'TaskFailed')
      .map((e) => e.taskFailedEventDetails?.error);
    expect(failures).toEqual([
      'Lambda.ResourceNotReadyException',
      'Lambda.TimeoutException',
      'Lambda.TimeoutException',
    ]);
    expect(events.filter((e) => e.type === 'TaskScheduled')).toHaveLength(5); // 4 Lambda + SQS
  });

  it('HybridPath: the unmocked SQSState calls the (local) service, which has no such queue', async () => {
    const { described } = await run('HybridPath');
    expect(described).toMatchObject({
      status: 'FAILED',
      error: 'SQS.QueueDoesNotExistException',
    });
  });

  it('refuses an unknown test case at StartExecution, naming the ones there are', async () => {
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#NoSuchCase` })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        'has no test case "NoSuchCase" for state machine "LambdaSQSIntegration" (it has HappyPath, RetryPath, HybridPath)',
      ),
    });
  });
});

describe('mocked callbacks, .sync and missing invocations', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;

  beforeAll(async () => {
    serve = await startServe(['--mock-config', fixture('emulator-cases.json')]);
    sfn = localClient(serve.endpointUrl);
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  async function create(name: string, states: Record<string, unknown>, startAt: string) {
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name,
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: startAt, States: states }),
      }),
    );
    return created.stateMachineArn as string;
  }

  async function run(stateMachineArn: string) {
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const described = await waitForEnd(sfn, executionArn as string);
    return { described, types: (await historyOf(sfn, executionArn as string)).map((e) => e.type) };
  }

  it('.waitForTaskToken: Return answers the token (TaskSubmitted, then success); Throw fails before TaskSubmitted', async () => {
    const arn = await create(
      'CallbackMocked',
      {
        SendAndWait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: {
            QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/reviews',
            MessageBody: { 'TaskToken.$': '$$.Task.Token' },
          },
          End: true,
        },
      },
      'SendAndWait',
    );
    const answered = await run(`${arn}#Answered`);
    expect(answered.described.status).toBe('SUCCEEDED');
    expect(JSON.parse(answered.described.output as string)).toEqual({ approved: true });
    expect(answered.types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const refused = await run(`${arn}#Refused`);
    expect(refused.described).toMatchObject({
      status: 'FAILED',
      error: 'Review.Rejected',
      cause: 'not approved',
    });
    expect(refused.types).not.toContain('TaskSubmitted');
    expect(refused.types).toContain('TaskFailed');
  });

  it('.sync: the mocked Return is the final job description', async () => {
    const arn = await create(
      'SyncMocked',
      {
        RunChild: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: {
            StateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Child',
          },
          OutputPath: '$.Output',
          End: true,
        },
      },
      'RunChild',
    );
    const { described } = await run(`${arn}#ChildDone`);
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output as string)).toEqual({ fromChild: 1 });
  });

  it('a Task neither emulated nor mocked by the chosen test case is refused at StartExecution', async () => {
    const arn = await create(
      'DynamoMocked',
      {
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 'orders', Item: { id: { S: '1' } } },
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 }],
          End: true,
        },
      },
      'Put',
    );
    expect((await run(`${arn}#PutOnce`)).described.status).toBe('SUCCEEDED');
    // Without a test case nothing mocks Put: refused before the execution exists.
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'unmocked' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        'state "Put" uses arn:aws:states:::dynamodb:putItem, which local does not emulate',
      ),
    });
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(listed.executions?.map((e) => e.name)).not.toContain('unmocked');
  });

  it('an invocation the mocked response has no entry for fails the execution, naming it', async () => {
    const { described, types } = await run(
      `arn:aws:states:us-east-1:000000000000:stateMachine:DynamoMocked#RetriedPastTheMock`,
    );
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.Runtime');
    expect(described.cause).toContain(
      'The mocked response "PutItemThrottledOnce" of state "Put" (test case "RetriedPastTheMock") has no entry for invocation 1',
    );
    expect(types.filter((t) => t === 'TaskFailed')).toHaveLength(2);
  });
});
