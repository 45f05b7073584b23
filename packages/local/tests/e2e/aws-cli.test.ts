/**
 * The real AWS CLI against `sfn-callback-local serve --no-workers`: a person answering the
 * callbacks by hand. Each `aws` call costs about a second (Python start-up), so independent
 * calls run together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';
import { type AwsCliResult, awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion, type ServeProcess, startServe } from '../support/serve-process.js';

const AWS_CLI = awsCliVersion();
if (!AWS_CLI) {
  console.warn(
    '\n*** The AWS CLI (`aws`) is not on the PATH: the AWS CLI tests of @sfn-callback/local are SKIPPED. ***\n',
  );
}

describe.skipIf(!AWS_CLI)(`the AWS CLI against serve --no-workers (${AWS_CLI ?? 'absent'})`, () => {
  let serve: ServeProcess;
  let stateMachineArn: string;

  /** Runs `aws stepfunctions <args>` against the endpoint: parsed JSON, or the error's text. */
  const aws = (...args: string[]): Promise<AwsCliResult> =>
    awsStepFunctions(serve.endpointUrl, args);

  /** The task token, read as a user would: the TaskScheduled event's parameters. */
  async function pendingToken(executionArn: string): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const history = await aws('get-execution-history', '--execution-arn', executionArn);
      const scheduled = (history.json?.events ?? []).find(
        (e: { type: string }) => e.type === 'TaskScheduled',
      );
      if (scheduled) {
        return JSON.parse(scheduled.taskScheduledEventDetails.parameters).MessageBody.TaskToken;
      }
    }
    throw new Error(`no TaskScheduled event in ${executionArn}`);
  }

  async function lastEvent(executionArn: string) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const page = await aws(
        'get-execution-history',
        '--execution-arn',
        executionArn,
        '--reverse-order',
        '--max-items',
        '1',
      );
      const last = page.json?.events?.[0];
      if (last && /^Execution(Succeeded|Failed|Aborted|TimedOut)$/.test(last.type)) return last;
    }
    throw new Error(`${executionArn} did not end`);
  }

  beforeAll(async () => {
    const app = await synthFixture({ heartbeatSeconds: 120, timeoutSeconds: 300 });
    serve = await startServe(['--no-workers', '--app', app]);
  });

  afterAll(async () => {
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    removeFixtures();
  });

  it('answers callbacks by hand: success, failure and stop, each history ending as on AWS; Ctrl-C stops serve', async () => {
    const listed = await aws('list-state-machines');
    expect(listed.json.stateMachines).toHaveLength(1);
    stateMachineArn = listed.json.stateMachines[0].stateMachineArn;
    expect(stateMachineArn).toMatch(/^arn:aws:states:us-east-1:\d{12}:stateMachine:/);

    const start = (name: string, input: string) =>
      aws(
        'start-execution',
        '--state-machine-arn',
        stateMachineArn,
        '--name',
        name,
        '--input',
        input,
      );
    const executionOf = (name: string) =>
      `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    // A fourth execution is left waiting: Ctrl-C must stop serve with it running.
    const [approve, reject, stop, leftRunning, missing] = await Promise.all([
      start('approve-1', '{"orderId":1}'),
      start('reject-1', '{"orderId":2}'),
      start('stop-1', '{"orderId":3}'),
      start('left-running', '{}'),
      aws('describe-execution', '--execution-arn', executionOf('nope')),
    ]);
    expect(approve.json.executionArn).toBe(executionOf('approve-1'));
    expect(reject.json.executionArn).toBe(executionOf('reject-1'));
    expect(stop.json.executionArn).toBe(executionOf('stop-1'));
    expect(typeof approve.json.startDate).toBe('number');
    expect(leftRunning.ok).toBe(true);
    expect(missing.error).toMatch(
      /\(ExecutionDoesNotExist\) when calling the DescribeExecution operation/,
    );

    // The workers are detached: the executions wait for their callbacks.
    const [waiting, approveToken, rejectToken] = await Promise.all([
      aws('describe-execution', '--execution-arn', approve.json.executionArn),
      pendingToken(approve.json.executionArn),
      pendingToken(reject.json.executionArn),
    ]);
    expect(waiting.json).toMatchObject({
      status: 'RUNNING',
      name: 'approve-1',
      input: '{"orderId":1}',
    });
    expect(approveToken).toMatch(/^AQCLocal/);

    const [succeeded, failed, stopped] = await Promise.all([
      aws('send-task-success', '--task-token', approveToken, '--task-output', '{"approved":true}'),
      aws(
        'send-task-failure',
        '--task-token',
        rejectToken,
        '--error',
        'Rejected',
        '--cause',
        'the "approver" said no',
      ),
      aws(
        'stop-execution',
        '--execution-arn',
        stop.json.executionArn,
        '--error',
        'Cancelled',
        '--cause',
        'by hand',
      ),
    ]);
    expect(succeeded).toEqual({ ok: true, json: {} });
    expect(failed).toEqual({ ok: true, json: {} });
    expect(typeof stopped.json.stopDate).toBe('number');

    const [approveEnd, rejectEnd, stopEnd, duplicate] = await Promise.all([
      lastEvent(approve.json.executionArn),
      lastEvent(reject.json.executionArn),
      lastEvent(stop.json.executionArn),
      // A second answer with the same token, as a duplicate SQS delivery would send.
      aws('send-task-success', '--task-token', approveToken, '--task-output', '{}'),
    ]);
    expect(approveEnd.type).toBe('ExecutionSucceeded');
    expect(JSON.parse(approveEnd.executionSucceededEventDetails.output)).toHaveProperty(
      'MessageId',
    );
    expect(rejectEnd.type).toBe('ExecutionFailed');
    expect(stopEnd).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Cancelled', cause: 'by hand' },
    });
    expect(duplicate.error).toMatch(/\(TaskTimedOut\) when calling the SendTaskSuccess operation/);

    // The human view of each history is serve's (the run command's formatter), token redacted.
    const printed = serve.stdout();
    expect(printed).toMatch(/Ended\s+\S+:approve-1: SUCCEEDED/);
    expect(printed).toMatch(/Ended\s+\S+:reject-1: FAILED/);
    expect(printed).toMatch(/Ended\s+\S+:stop-1: ABORTED/);
    expect(printed).toMatch(/TaskScheduled .* token AQCLoc…#[0-9a-f]+/);
    expect(printed).toMatch(/TaskFailed .* Rejected: the "approver" said no/);
    expect(printed).not.toContain(approveToken);

    // Ctrl-C with an execution still running: serve closes and exits 0, promptly.
    const { code, ms } = await serve.stop('SIGINT');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
  });
});
