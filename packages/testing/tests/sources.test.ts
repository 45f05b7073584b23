import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/vitest.ts';
import { MockFile, StateMachineTestError, TestMachine } from '../src/index.ts';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sfn-testing-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('Step Functions Local mock files, as they are', () => {
  const machine = TestMachine.fromFile(fixture('lambda-sqs-integration.asl.json'));
  let mocks: MockFile;
  beforeAll(async () => {
    mocks = await MockFile.load(fixture('aws-docs-MockConfigFile.json'));
  });

  it('HappyPath: each state answers its mocked response', async () => {
    expect(machine.name).toBe('lambda-sqs-integration');
    const execution = await machine.run({}, { mocks: mocks.testCase('HappyPath') });
    expect(execution).toHaveSucceeded({
      MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51',
      MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51',
    });
  });

  it('RetryPath: invocations 0-2 throw, 3 returns; the retries pass on virtual time', async () => {
    const execution = await machine.run(
      {},
      { startTime: 0, mocks: mocks.testCase('RetryPath', 'LambdaSQSIntegration') },
    );
    expect(execution).toHaveSucceeded();
    expect(execution.state('LambdaState').errors.map((e) => e.error)).toEqual([
      'Lambda.ResourceNotReadyException',
      'Lambda.TimeoutException',
      'Lambda.TimeoutException',
    ]);
    expect(execution.now.getTime()).toBe(3_000);
  });

  it('an unknown test case names those there are', () => {
    expect(() => mocks.testCase('Happy')).toThrow(
      /has no test case "Happy" for state machine "LambdaSQSIntegration"; its test cases: HappyPath, RetryPath, HybridPath/,
    );
  });

  it('a file that is not a mock file is refused with local’s reason', async () => {
    const file = join(scratch, 'bad-mocks.json');
    writeFileSync(file, '{"StateMachines": {}, "Mocked": {}}');
    await expect(MockFile.load(file)).rejects.toThrow(/unknown field "Mocked"/);
  });
});

describe('ASL files', () => {
  it('a file that does not parse is refused, naming it', () => {
    const file = join(scratch, 'broken.asl.yaml');
    writeFileSync(file, 'StartAt: [');
    expect(() => TestMachine.fromFile(file)).toThrow(/broken\.asl\.yaml is not YAML/);
  });

  it('an invalid definition is refused with the engine’s diagnostics', () => {
    const file = join(scratch, 'invalid.json');
    writeFileSync(
      file,
      JSON.stringify({ StartAt: 'Nowhere', States: { A: { Type: 'Pass', End: true } } }),
    );
    const load = () => TestMachine.fromFile(file);
    expect(load).toThrow(StateMachineTestError);
    expect(load).toThrow(/state machine "invalid": .*Nowhere/);
  });
});

describe('a synthesized CDK app', () => {
  let assembly: string;
  beforeAll(() => {
    assembly = join(scratch, 'cdk.out');
    const app = new App({ outdir: assembly });
    const stack = new Stack(app, 'Approvals');
    const queue = new sqs.Queue(stack, 'Reviews');
    const ask = new tasks.SqsSendMessage(stack, 'Ask Reviewer', {
      queue,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      messageBody: sfn.TaskInput.fromObject({
        token: sfn.JsonPath.taskToken,
        order: sfn.JsonPath.entirePayload,
      }),
      taskTimeout: sfn.Timeout.duration(Duration.hours(1)),
    });
    new sfn.StateMachine(stack, 'Orders', {
      definitionBody: sfn.DefinitionBody.fromChainable(
        ask.next(new sfn.Succeed(stack, 'Approved')),
      ),
    });
    app.synth();
  });

  it('by construct path: intrinsics resolved as local resolves them', async () => {
    const machine = await TestMachine.fromCdkApp(assembly, 'Approvals/Orders');
    const execution = machine.start({ id: 7 });
    const task = await execution.waitForTask('Ask Reviewer');
    expect(task.message).toEqual({ token: task.token, order: { id: 7 } });
    expect((task.parameters as { QueueUrl: string }).QueueUrl).toMatch(/Approvals-Reviews/);
    task.succeed({ ok: true });
    await execution.finished();
    expect(execution).toHaveTakenPath(['Ask Reviewer', 'Approved']);
  });

  it('by logical id, and an unknown one names the state machines there are', async () => {
    const template = (await import(join(assembly, 'Approvals.template.json'), {
      with: { type: 'json' },
    })) as {
      default: { Resources: Record<string, { Type: string }> };
    };
    const logicalId = Object.entries(template.default.Resources).find(
      ([, r]) => r.Type === 'AWS::StepFunctions::StateMachine',
    )?.[0] as string;
    const machine = await TestMachine.fromCdkApp(assembly, {
      stateMachine: logicalId,
      stack: 'Approvals',
    });
    expect(machine.states.has('Ask Reviewer')).toBe(true);
    await expect(TestMachine.fromCdkApp(assembly, 'Approvals/Nope')).rejects.toThrow(
      'no state machine "Approvals/Nope" in',
    );
    await expect(TestMachine.fromCdkApp(assembly, 'Approvals/Nope')).rejects.toThrow(
      /its state machines: Approvals\/Orders/,
    );
  });
});
