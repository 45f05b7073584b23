/**
 * Express state machines over HTTP: StartSyncExecution answers with the result in AWS's
 * shape (status, output or error and cause, dates, billing details); StartExecution runs
 * one asynchronously and, as AWS, does not list it nor describe it. The SDKs and the AWS
 * CLI send StartSyncExecution to a `sync-` host prefix, as they send TestState: the same
 * client setting reaches the local endpoint (the JS SDK's `disableHostPrefix: true`, the
 * CLI's `AWS_DISABLE_HOST_PREFIX_INJECTION=true`).
 */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  type SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecutionDescription } from '../../src/index.js';
import { LocalRunner } from '../../src/index.js';
import { awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion } from '../support/serve-process.js';
import { localClient } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const AWS_CLI = awsCliVersion();

/** Three states: a Pass that builds, a Choice, and a Succeed or a Fail. */
const THREE_STATES = JSON.stringify({
  StartAt: 'Price',
  States: {
    Price: {
      Type: 'Pass',
      Parameters: { 'total.$': 'States.MathAdd($.amount, 5)' },
      Next: 'Check',
    },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'TooMuch' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
    TooMuch: { Type: 'Fail', Error: 'Order.TooLarge', Cause: 'over 100' },
  },
});

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('Express state machines over HTTP', () => {
  let runner: LocalRunner;
  let sfn: SFNClient;
  let expressArn: string;
  let standardArn: string;
  const started: ExecutionDescription[] = [];

  beforeAll(async () => {
    runner = await LocalRunner.start({
      onExecution: (execution) => void started.push(execution),
    });
    sfn = localClient(runner.endpointUrl, { disableHostPrefix: true });
    const express = await sfn.send(
      new CreateStateMachineCommand({
        name: 'Quote',
        definition: THREE_STATES,
        roleArn: ROLE,
        type: 'EXPRESS',
      }),
    );
    expressArn = express.stateMachineArn as string;
    const standard = await sfn.send(
      new CreateStateMachineCommand({ name: 'Slow', definition: THREE_STATES, roleArn: ROLE }),
    );
    standardArn = standard.stateMachineArn as string;
  });

  afterAll(async () => {
    sfn?.destroy();
    await runner?.close();
  });

  it('StartSyncExecution answers SUCCEEDED with the output, FAILED with error and cause, in AWS shape', async () => {
    const ok = await sfn.send(
      new StartSyncExecutionCommand({
        stateMachineArn: expressArn,
        name: 'q-1',
        input: '{"amount": 10}',
        traceHeader: 'Root=1-abc',
      }),
    );
    expect(ok).toMatchObject({
      executionArn: expect.stringMatching(
        /^arn:aws:states:us-east-1:000000000000:express:Quote:q-1:[0-9a-f-]{36}$/,
      ),
      stateMachineArn: expressArn,
      name: 'q-1',
      status: 'SUCCEEDED',
      input: '{"amount": 10}',
      inputDetails: { included: true },
      output: '{"total":15}',
      outputDetails: { included: true },
      traceHeader: 'Root=1-abc',
      billingDetails: { billedMemoryUsedInMB: 64 },
    });
    expect(ok.startDate).toBeInstanceOf(Date);
    expect((ok.stopDate as Date).getTime()).toBeGreaterThanOrEqual(
      (ok.startDate as Date).getTime(),
    );
    expect((ok.billingDetails?.billedDurationInMilliseconds ?? 0) % 100).toBe(0);

    const failed = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: expressArn, input: '{"amount": 200}' }),
    );
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Order.TooLarge', cause: 'over 100' });
    expect(failed.output).toBeUndefined();

    // The same name again: Express names need not be unique.
    const again = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: expressArn, name: 'q-1' }),
    );
    expect(again.executionArn).not.toBe(ok.executionArn);

    const metadata = await sfn.send(
      new StartSyncExecutionCommand({
        stateMachineArn: expressArn,
        input: '{"amount": 1}',
        includedData: 'METADATA_ONLY',
      }),
    );
    expect(metadata).toMatchObject({ status: 'SUCCEEDED', inputDetails: { included: false } });
    expect(metadata.input).toBeUndefined();
    expect(metadata.output).toBeUndefined();
  });

  it('StartExecution runs an Express execution asynchronously; it is not listed nor described, as on AWS', async () => {
    const before = started.length;
    const answer = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: expressArn, input: '{"amount": 1}' }),
    );
    expect(answer.executionArn).toMatch(/:express:Quote:/);
    const execution = started.slice(before).find((e) => e.executionArn === answer.executionArn);
    expect(execution).toBeDefined();
    expect(
      await (execution as unknown as { done: Promise<ExecutionDescription> }).done,
    ).toMatchObject({ status: 'SUCCEEDED', output: '{"total":6}' });
    expect(
      await refusal(sfn.send(new ListExecutionsCommand({ stateMachineArn: expressArn }))),
    ).toMatchObject({ name: 'StateMachineTypeNotSupported' });
    expect(
      await refusal(sfn.send(new DescribeExecutionCommand({ executionArn: answer.executionArn }))),
    ).toMatchObject({
      name: 'InvalidArn',
      message: expect.stringContaining('Resource type not valid in this context: express'),
    });
  });

  it('StartSyncExecution of a Standard state machine is StateMachineTypeNotSupported', async () => {
    expect(
      await refusal(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standardArn }))),
    ).toMatchObject({
      name: 'StateMachineTypeNotSupported',
      message: expect.stringContaining('StartExecution'),
    });
    expect(
      await refusal(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: 'arn:aws:nope' }))),
    ).toMatchObject({ name: 'InvalidArn' });
  });

  it('the JS SDK without disableHostPrefix sends StartSyncExecution to sync-127.0.0.1, which does not resolve', async () => {
    const prefixed = localClient(runner.endpointUrl);
    try {
      await expect(
        prefixed.send(new StartSyncExecutionCommand({ stateMachineArn: expressArn })),
      ).rejects.toThrow(/sync-127\.0\.0\.1/);
    } finally {
      prefixed.destroy();
    }
  });

  describe.skipIf(!AWS_CLI)('through the AWS CLI', () => {
    const aws = (env: Record<string, string>, ...args: string[]) =>
      awsStepFunctions(runner.endpointUrl, args, { AWS_MAX_ATTEMPTS: '1', ...env });

    it('start-sync-execution works with AWS_DISABLE_HOST_PREFIX_INJECTION=true, and without it tries sync-127.0.0.1', async () => {
      const env = { AWS_DISABLE_HOST_PREFIX_INJECTION: 'true' };
      const [ok, refused, asynchronous] = await Promise.all([
        aws(
          env,
          'start-sync-execution',
          '--state-machine-arn',
          expressArn,
          '--input',
          '{"amount":2}',
        ),
        aws({}, 'start-sync-execution', '--state-machine-arn', expressArn),
        aws({}, 'start-execution', '--state-machine-arn', expressArn),
      ]);
      expect(ok).toMatchObject({
        ok: true,
        json: {
          status: 'SUCCEEDED',
          output: '{"total":7}',
          billingDetails: { billedMemoryUsedInMB: 64 },
        },
      });
      expect(refused.ok).toBe(false);
      expect(refused.error).toContain('sync-127.0.0.1');
      // StartExecution has no host prefix: the CLI reaches it as is.
      expect(asynchronous.json.executionArn).toMatch(/:express:Quote:/);
    });
  });
});
