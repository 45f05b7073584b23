/**
 * `serve` without a CDK app, driven by `@aws-sdk/client-sfn` over HTTP: state machines
 * created, updated, described, listed and deleted through the API, definitions validated
 * as AWS validates them, and malformed requests answered with AWS's errors.
 */
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ListStateMachinesCommand,
  type SFNClient,
  StartExecutionCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { localClient, waitForEnd } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const pass = (result: unknown) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

/** The error an SDK call rejects with: its name (AWS's error code) and message. */
async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('state machines without a CDK app, through the SDK', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;

  beforeAll(async () => {
    serve = await startServe([]);
    sfn = localClient(serve.endpointUrl);
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  it('starts with no app, and says so', () => {
    expect(serve.stdout()).toMatch(/Cloud assembly\s+none/);
    // No app, no queue-triggered functions: the tokens are the user's to answer.
    expect(serve.stdout()).toMatch(/^Workers\s+none without an app: answer the tokens yourself/m);
  });

  it('creates, runs, describes, lists, updates and deletes a state machine', async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: 'Hello', definition: pass('v1'), roleArn: ROLE }),
    );
    expect(created.stateMachineArn).toBe(
      'arn:aws:states:us-east-1:000000000000:stateMachine:Hello',
    );
    expect(created.creationDate).toBeInstanceOf(Date);
    const stateMachineArn = created.stateMachineArn as string;

    // The same request again is idempotent; another definition under that name is refused.
    const again = await sfn.send(
      new CreateStateMachineCommand({ name: 'Hello', definition: pass('v1'), roleArn: ROLE }),
    );
    expect(again.stateMachineArn).toBe(stateMachineArn);
    expect(
      await refusal(
        sfn.send(
          new CreateStateMachineCommand({ name: 'Hello', definition: pass('v2'), roleArn: ROLE }),
        ),
      ),
    ).toEqual({
      name: 'StateMachineAlreadyExists',
      message: `State Machine Already Exists: '${stateMachineArn}'`,
    });

    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({
      name: 'Hello',
      status: 'ACTIVE',
      type: 'STANDARD',
      roleArn: ROLE,
      definition: pass('v1'),
    });
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.name)).toContain('Hello');

    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'first' }));
    expect((await waitForEnd(sfn, first.executionArn as string)).output).toBe('"v1"');

    const updated = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: pass('v2') }),
    );
    expect(updated.updateDate).toBeInstanceOf(Date);
    const second = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'second' }));
    expect((await waitForEnd(sfn, second.executionArn as string)).output).toBe('"v2"');

    // Each execution answers with the definition it ran.
    const ranFirst = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: first.executionArn }),
    );
    const ranSecond = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: second.executionArn }),
    );
    expect([ranFirst.definition, ranSecond.definition]).toEqual([pass('v1'), pass('v2')]);
    expect(ranFirst.stateMachineArn).toBe(stateMachineArn);

    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    expect(
      (await refusal(sfn.send(new DescribeStateMachineCommand({ stateMachineArn })))).name,
    ).toBe('StateMachineDoesNotExist');
    // Its executions stay answerable, as on AWS.
    const kept = await sfn.send(new DescribeExecutionCommand({ executionArn: first.executionArn }));
    expect(kept.status).toBe('SUCCEEDED');
    // Deleting again is not an error on AWS either.
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
  });

  it('refuses a definition AWS refuses with InvalidDefinition, worded as AWS words it', async () => {
    const broken = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Nowhere' } },
    });
    expect(
      await refusal(
        sfn.send(
          new CreateStateMachineCommand({ name: 'Broken', definition: broken, roleArn: ROLE }),
        ),
      ),
    ).toEqual({
      name: 'InvalidDefinition',
      message:
        "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next, MISSING_END_STATE: Workflow has no terminal state at null'",
    });
    expect(
      (
        await refusal(
          sfn.send(
            new CreateStateMachineCommand({ name: 'NotJson', definition: '{', roleArn: ROLE }),
          ),
        )
      ).message,
    ).toMatch(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION/);
  });

  it('checks names and ARNs as the service does', async () => {
    expect(
      await refusal(
        sfn.send(
          new CreateStateMachineCommand({ name: 'has space', definition: pass(1), roleArn: ROLE }),
        ),
      ),
    ).toEqual({ name: 'InvalidName', message: "Invalid Name: 'has space'" });
    expect(
      (
        await refusal(
          sfn.send(
            new CreateStateMachineCommand({
              name: 'x'.repeat(81),
              definition: pass(1),
              roleArn: ROLE,
            }),
          ),
        )
      ).message,
    ).toMatch(
      /^1 validation error detected: Value 'x+' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80$/,
    );
    expect(
      await refusal(
        sfn.send(
          new CreateStateMachineCommand({ name: 'R', definition: pass(1), roleArn: 'role' }),
        ),
      ),
    ).toEqual({ name: 'InvalidArn', message: "Invalid Arn: 'role'" });
    expect(
      (await refusal(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'nope' })))).name,
    ).toBe('InvalidArn');
    expect(
      (
        await refusal(
          sfn.send(
            new UpdateStateMachineCommand({
              stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Missing',
              definition: pass(1),
            }),
          ),
        )
      ).name,
    ).toBe('StateMachineDoesNotExist');
    expect(
      (
        await refusal(
          sfn.send(
            new UpdateStateMachineCommand({
              stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Missing',
            }),
          ),
        )
      ).name,
    ).toBe('MissingRequiredParameter');
  });

  it('refuses, at CreateStateMachine, a Task local neither emulates nor mocks, naming both ways forward', async () => {
    const dynamo = JSON.stringify({
      StartAt: 'Put',
      States: {
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 't', Item: {} },
          End: true,
        },
      },
    });
    const { name, message } = await refusal(
      sfn.send(
        new CreateStateMachineCommand({ name: 'Dynamo', definition: dynamo, roleArn: ROLE }),
      ),
    );
    expect(name).toBe('InvalidDefinition');
    expect(message).toContain('state "Put" uses arn:aws:states:::dynamodb:putItem');
    expect(message).toContain('--mock-config');
    expect(message).toContain('Step Functions startExecution');
  });

  it('validates definitions as ValidateStateMachineDefinition does (result, diagnostics, truncated)', async () => {
    const broken = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Nowhere' }, B: { Type: 'Pass', Next: 'Elsewhere' } },
    });
    const failed = await sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: broken }),
    );
    expect(failed.result).toBe('FAIL');
    expect(failed.truncated).toBe(false);
    expect(failed.diagnostics?.[0]).toEqual({
      severity: 'ERROR',
      code: 'MISSING_TRANSITION_TARGET',
      message: expect.any(String),
      location: '/States/A/Next',
    });
    const one = await sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: broken, maxResults: 1 }),
    );
    expect(one.diagnostics).toHaveLength(1);
    expect(one.truncated).toBe(true);

    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: pass(1) }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [], truncated: false });
    // A static Pass Result is a WARNING, shown only when asked for; the result stays OK.
    const warned = await sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: pass(1), severity: 'WARNING' }),
    );
    expect(warned.result).toBe('OK');
    expect(warned.diagnostics?.every((d) => d.severity === 'WARNING')).toBe(true);

    expect(
      (
        await refusal(
          sfn.send(
            new ValidateStateMachineDefinitionCommand({
              definition: pass(1),
              severity: 'FATAL' as 'ERROR',
            }),
          ),
        )
      ).message,
    ).toBe(
      "1 validation error detected: Value 'FATAL' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]",
    );
  });

  it('answers malformed requests with AWS errors and stays up', async () => {
    const raw = (target: string, body: string) =>
      fetch(serve.endpointUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.0',
          'X-Amz-Target': `AWSStepFunctions.${target}`,
        },
        body,
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, string>,
      }));
    expect(await raw('CreateStateMachine', '{"name": 1}')).toEqual({
      status: 400,
      body: {
        __type: 'com.amazon.coral.service#SerializationException',
        message: "Expected STRING_VALUE for 'name', got number",
      },
    });
    expect((await raw('CreateStateMachine', '{}')).body.message).toBe(
      "3 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'definition' failed to satisfy constraint: Member must not be null; Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
    expect((await raw('ValidateStateMachineDefinition', '[1]')).body.__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );
    expect(
      (await raw('DescribeStateMachineForExecution', '{"executionArn": "x"}')).body.__type,
    ).toBe('com.amazonaws.sfn#InvalidArn');
    expect((await raw('ListStateMachines', '{}')).status).toBe(200);
  });
});
