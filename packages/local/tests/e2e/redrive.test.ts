/**
 * RedriveExecution through `serve`, driven by `@aws-sdk/client-sfn` and the AWS CLI over
 * HTTP: an execution that failed is redriven and then succeeds (its succeeded states not
 * run again, its history continued after ExecutionRedriven), DescribeExecution and
 * ListExecutions show the redrive, and misuse gets AWS's errors.
 */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion, type ServeProcess, startServe } from '../support/serve-process.js';
import { historyOf, localClient, waitForEnd } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const AWS_CLI = awsCliVersion();

/**
 * Fails on the first attempt and succeeds once redriven: `Check` raises an error while
 * `$states.context.Execution.RedriveCount` is 0. `Prepare` succeeds the first time and must
 * not run again.
 */
const FAILS_UNTIL_REDRIVEN = JSON.stringify({
  QueryLanguage: 'JSONata',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Output: { prepared: true }, Next: 'Check' },
    Check: {
      Type: 'Pass',
      Output:
        '{% $states.context.Execution.RedriveCount = 0 ? $error("not yet") : {"attempt": $states.context.Execution.RedriveCount} %}',
      End: true,
    },
  },
});

const WAITS = JSON.stringify({
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: 600, End: true } },
});

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('RedriveExecution through serve', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;
  let failing: string;

  beforeAll(async () => {
    serve = await startServe([]);
    sfn = localClient(serve.endpointUrl);
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'FailsUntilRedriven',
        definition: FAILS_UNTIL_REDRIVEN,
        roleArn: ROLE,
      }),
    );
    failing = created.stateMachineArn as string;
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  it('redrives a failed execution, which then succeeds without running its succeeded states again', async () => {
    const { executionArn, startDate } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: failing, name: 'first', input: '{"n": 1}' }),
    );
    const failed = await waitForEnd(sfn, executionArn as string);
    expect(failed.status).toBe('FAILED');
    expect(failed).toMatchObject({ redriveCount: 0, redriveStatus: 'REDRIVABLE' });
    expect(failed.redriveStatusReason).toBeUndefined();

    const redriven = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect(redriven.redriveDate).toBeInstanceOf(Date);

    const ended = await waitForEnd(sfn, executionArn as string);
    expect(ended).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"attempt":1}',
      input: '{"n": 1}',
      redriveCount: 1,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    });
    // Same execution: its first start, and the redrive's date.
    expect(ended.startDate?.getTime()).toBe(startDate?.getTime());
    expect(ended.redriveDate?.getTime()).toBe(redriven.redriveDate?.getTime());

    const history = await historyOf(sfn, executionArn as string);
    const types = history.map((e) => e.type);
    expect(types.filter((t) => t === 'ExecutionFailed')).toHaveLength(1);
    const redrivenAt = types.indexOf('ExecutionRedriven');
    expect(redrivenAt).toBe(types.indexOf('ExecutionFailed') + 1);
    expect(history[redrivenAt]?.executionRedrivenEventDetails).toEqual({ redriveCount: 1 });
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    // Ids go on from the first run's.
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
    const prepareEntered = history.filter(
      (e) => e.type === 'PassStateEntered' && e.stateEnteredEventDetails?.name === 'Prepare',
    );
    expect(prepareEntered).toHaveLength(1);

    // Redriving a succeeded execution is refused, with AWS's wording.
    expect(await refusal(sfn.send(new RedriveExecutionCommand({ executionArn })))).toEqual({
      name: 'ExecutionNotRedrivable',
      message: 'Execution is SUCCEEDED and cannot be redriven',
    });

    // ListExecutions shows the redrive, and filters on it.
    const other = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: failing, name: 'never-redriven' }),
    );
    await waitForEnd(sfn, other.executionArn as string);
    const redrivenOnly = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: failing, redriveFilter: 'REDRIVEN' }),
    );
    expect(redrivenOnly.executions?.map((e) => [e.name, e.redriveCount])).toEqual([['first', 1]]);
    const notRedriven = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: failing, redriveFilter: 'NOT_REDRIVEN' }),
    );
    expect(notRedriven.executions?.map((e) => e.name)).toEqual(['never-redriven']);
  });

  it('redrives a stopped (ABORTED) execution from the state it was stopped in', async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({ name: 'Waits', definition: WAITS, roleArn: ROLE }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: created.stateMachineArn, name: 'stopped' }),
    );
    await sfn.send(new StopExecutionCommand({ executionArn }));
    expect((await waitForEnd(sfn, executionArn as string)).status).toBe('ABORTED');
    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const running = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({
      status: 'RUNNING',
      redriveCount: 1,
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is RUNNING and cannot be redriven',
    });
    expect(running.stopDate).toBeUndefined();
    // A running execution cannot be redriven again.
    expect(await refusal(sfn.send(new RedriveExecutionCommand({ executionArn })))).toEqual({
      name: 'ExecutionNotRedrivable',
      message: 'Execution is RUNNING and cannot be redriven',
    });
    const history = await historyOf(sfn, executionArn as string);
    expect(history.map((e) => e.type).slice(-3)).toEqual([
      'ExecutionAborted',
      'ExecutionRedriven',
      'WaitStateEntered',
    ]);
    await sfn.send(new StopExecutionCommand({ executionArn }));
    expect((await waitForEnd(sfn, executionArn as string)).status).toBe('ABORTED');
  });

  it('answers misuse with AWS errors', async () => {
    const unknown = `${failing.replace(':stateMachine:', ':execution:')}:nobody`;
    expect(await refusal(sfn.send(new RedriveExecutionCommand({ executionArn: unknown })))).toEqual(
      { name: 'ExecutionDoesNotExist', message: `Execution Does Not Exist: '${unknown}'` },
    );
    expect(
      await refusal(sfn.send(new RedriveExecutionCommand({ executionArn: 'not-an-arn' }))),
    ).toEqual({ name: 'InvalidArn', message: "Invalid Arn: 'not-an-arn'" });

    const express = await sfn.send(
      new CreateStateMachineCommand({
        name: 'ExpressFails',
        definition: FAILS_UNTIL_REDRIVEN,
        roleArn: ROLE,
        type: 'EXPRESS',
      }),
    );
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: express.stateMachineArn }),
    );
    expect(started.executionArn).toMatch(/:express:ExpressFails:/);
    const refused = await refusal(
      sfn.send(new RedriveExecutionCommand({ executionArn: started.executionArn })),
    );
    expect(refused.name).toBe('ExecutionNotRedrivable');
    expect(refused.message).toMatch(/only STANDARD executions can be redriven/);
  });

  it.skipIf(!AWS_CLI)('redrives through the AWS CLI', async () => {
    const aws = (...args: string[]) => awsStepFunctions(serve.endpointUrl, args);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: failing, name: 'by-the-cli' }),
    );
    await waitForEnd(sfn, executionArn as string);
    const redriven = await aws('redrive-execution', '--execution-arn', executionArn as string);
    expect(redriven.ok, redriven.error).toBe(true);
    expect(redriven.json.redriveDate).toBeTruthy();
    await waitForEnd(sfn, executionArn as string);
    const described = await aws('describe-execution', '--execution-arn', executionArn as string);
    expect(described.json).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
      redriveStatus: 'NOT_REDRIVABLE',
    });
    const again = await aws('redrive-execution', '--execution-arn', executionArn as string);
    expect(again.ok).toBe(false);
    expect(again.error).toMatch(
      /ExecutionNotRedrivable.*Execution is SUCCEEDED and cannot be redriven/,
    );
  });
});
