/**
 * Activities over HTTP, as workers use them: CreateActivity / Describe / List / Delete,
 * GetActivityTask's long poll (held, answered at once when a task waits, `{}` when its hold
 * time ends), the token answered with SendTask*, and the Activity* history — through the JS
 * SDK, through the AWS CLI, and with the activity worker of task-token's README.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  GetActivityTaskCommand,
  ListActivitiesCommand,
  ListTagsForResourceCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion, type ServeProcess, startServe } from '../support/serve-process.js';
import { historyOf, localClient, waitForEnd } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const AWS_CLI = awsCliVersion();

/** The error an SDK call rejects with: its name (AWS's error code) and message. */
async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

const activityMachine = (activityArn: string) =>
  JSON.stringify({
    StartAt: 'Approve',
    States: {
      Approve: {
        Type: 'Task',
        Resource: activityArn,
        TimeoutSeconds: 60,
        HeartbeatSeconds: 30,
        End: true,
      },
    },
  });

describe('activities over HTTP', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;

  beforeAll(async () => {
    // A poll that finds no task is answered after 1 s instead of AWS's 60.
    serve = await startServe(['--no-console', '--activity-poll-seconds', '1']);
    sfn = localClient(serve.endpointUrl);
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  async function createFlow(name: string) {
    const activity = await sfn.send(
      new CreateActivityCommand({ name, tags: [{ key: 'team', value: 'orders' }] }),
    );
    const machine = await sfn.send(
      new CreateStateMachineCommand({
        name: `${name}-machine`,
        definition: activityMachine(activity.activityArn as string),
        roleArn: ROLE,
      }),
    );
    return {
      activityArn: activity.activityArn as string,
      stateMachineArn: machine.stateMachineArn as string,
    };
  }

  it('create, describe, list (idempotent create, tags kept)', async () => {
    const created = await sfn.send(new CreateActivityCommand({ name: 'approve' }));
    expect(created.activityArn).toBe('arn:aws:states:us-east-1:000000000000:activity:approve');
    const again = await sfn.send(new CreateActivityCommand({ name: 'approve' }));
    expect(again.creationDate).toEqual(created.creationDate);
    const described = await sfn.send(
      new DescribeActivityCommand({ activityArn: created.activityArn }),
    );
    expect(described).toMatchObject({ activityArn: created.activityArn, name: 'approve' });
    expect(described.creationDate).toEqual(created.creationDate);
    const listed = await sfn.send(new ListActivitiesCommand({}));
    expect(listed.activities?.map((a) => a.name)).toContain('approve');
    const { activityArn } = await createFlow('tagged');
    const tags = await sfn.send(new ListTagsForResourceCommand({ resourceArn: activityArn }));
    expect(tags.tags).toEqual([{ key: 'team', value: 'orders' }]);
  });

  it('a worker: a held poll gets the task when it is scheduled; heartbeat; success; then failure', async () => {
    const { activityArn, stateMachineArn } = await createFlow('worker-flow');
    // The poll is held (no task yet) until the execution schedules one.
    const poll = sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'worker-1' }));
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"orderId":"o-1"}' }),
    );
    const task = await poll;
    expect(task.input).toBe('{"orderId":"o-1"}');
    const taskToken = task.taskToken as string;
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{"approved":true}' }));
    const ended = await waitForEnd(sfn, started.executionArn as string);
    expect(ended).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    const history = await historyOf(sfn, started.executionArn as string);
    expect(history.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'ActivityScheduled',
      'ActivityStarted',
      'ActivitySucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history[2]?.activityScheduledEventDetails).toEqual({
      resource: activityArn,
      input: '{"orderId":"o-1"}',
      inputDetails: { truncated: false },
      timeoutInSeconds: 60,
      heartbeatInSeconds: 30,
    });
    expect(history[3]?.activityStartedEventDetails).toEqual({ workerName: 'worker-1' });

    // A task that waits is handed at once to the next poll.
    const failing = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: '{"orderId":"o-2"}' }),
    );
    let second = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w2' }));
    while (!second.taskToken) {
      second = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w2' }));
    }
    await sfn.send(
      new SendTaskFailureCommand({
        taskToken: second.taskToken,
        error: 'Rejected',
        cause: 'out of stock',
      }),
    );
    const failed = await waitForEnd(sfn, failing.executionArn as string);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'out of stock' });
    const failedHistory = await historyOf(sfn, failing.executionArn as string);
    expect(
      failedHistory.find((e) => e.type === 'ActivityFailed')?.activityFailedEventDetails,
    ).toEqual({ error: 'Rejected', cause: 'out of stock' });
  });

  it('a poll with no task is answered with no token when its hold time ends', async () => {
    const { activityArn } = await createFlow('idle');
    const answer = await sfn.send(new GetActivityTaskCommand({ activityArn }));
    expect(answer.taskToken).toBeUndefined();
  });

  it('refuses misuse with AWS errors', async () => {
    const { activityArn } = await createFlow('deleted');
    await sfn.send(new DeleteActivityCommand({ activityArn }));
    // Deleting again succeeds, as on AWS.
    await sfn.send(new DeleteActivityCommand({ activityArn }));
    expect(await refusal(sfn.send(new GetActivityTaskCommand({ activityArn })))).toEqual({
      name: 'ActivityDoesNotExist',
      message: expect.stringContaining(activityArn),
    });
    expect(await refusal(sfn.send(new DescribeActivityCommand({ activityArn })))).toMatchObject({
      name: 'ActivityDoesNotExist',
    });
    expect(
      await refusal(sfn.send(new DescribeActivityCommand({ activityArn: 'arn:aws:states:x' }))),
    ).toEqual({ name: 'InvalidArn', message: "Invalid Arn: 'arn:aws:states:x'" });
    expect(await refusal(sfn.send(new CreateActivityCommand({ name: 'bad name' })))).toMatchObject({
      name: 'InvalidName',
    });
    expect(
      await refusal(
        sfn.send(new GetActivityTaskCommand({ activityArn, workerName: 'w'.repeat(81) })),
      ),
    ).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('workerName'),
    });
  });

  it("task-token README's activity worker: polls, answers success and failure, stops on SIGTERM", async () => {
    const { activityArn, stateMachineArn } = await createFlow('readme-worker');
    const readme = readFileSync(
      fileURLToPath(new URL('../../../task-token/README.md', import.meta.url)),
      'utf8',
    );
    const code = /<!-- activity-worker -->\n```ts\n([\s\S]*?)\n```/.exec(readme)?.[1];
    if (!code) throw new Error("task-token's README has no activity-worker example");
    // Inside the package, so that its imports resolve to local's dependencies.
    const dir = fileURLToPath(new URL('../../.readme-worker/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'worker.mts');
    writeFileSync(file, `${code}\n`);
    const worker = spawn(process.execPath, [file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        ACTIVITY_ARN: activityArn,
        AWS_ENDPOINT_URL_SFN: serve.endpointUrl,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    });
    let stderr = '';
    worker.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
    try {
      const ok = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, input: '{"orderId":"o-1","amount":10}' }),
      );
      const tooLarge = await sfn.send(
        new StartExecutionCommand({ stateMachineArn, input: '{"orderId":"o-2","amount":5000}' }),
      );
      expect(await waitForEnd(sfn, ok.executionArn as string)).toMatchObject({
        status: 'SUCCEEDED',
        output: '{"approved":true}',
      });
      expect(await waitForEnd(sfn, tooLarge.executionArn as string)).toMatchObject({
        status: 'FAILED',
        error: 'OrderTooLarge',
        cause: 'order o-2: 5000',
      });
      const started = (await historyOf(sfn, ok.executionArn as string)).find(
        (e) => e.type === 'ActivityStarted',
      );
      expect(started?.activityStartedEventDetails).toEqual({ workerName: 'approver-1' });
      worker.kill('SIGTERM');
      expect(await exited, stderr).toBe(0);
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!AWS_CLI)('through the AWS CLI', () => {
    it('create-activity, get-activity-task (held poll), send-task-success, describe, list, delete', async () => {
      const aws = (...args: string[]) =>
        // The long poll is held: the CLI's read timeout must be longer than the hold time.
        awsStepFunctions(serve.endpointUrl, [...args, '--cli-read-timeout', '70']);
      const created = await aws('create-activity', '--name', 'cli-activity');
      expect(created.ok, created.error).toBe(true);
      const activityArn = created.json.activityArn as string;
      const machine = await aws(
        'create-state-machine',
        '--name',
        'cli-activity-machine',
        '--role-arn',
        ROLE,
        '--definition',
        activityMachine(activityArn),
      );
      const [described, listed, started] = await Promise.all([
        aws('describe-activity', '--activity-arn', activityArn),
        aws('list-activities'),
        aws(
          'start-execution',
          '--state-machine-arn',
          machine.json.stateMachineArn,
          '--input',
          '{"n":1}',
        ),
      ]);
      expect(described.json).toMatchObject({ activityArn, name: 'cli-activity' });
      expect(listed.json.activities.map((a: { name: string }) => a.name)).toContain('cli-activity');
      let task = await aws(
        'get-activity-task',
        '--activity-arn',
        activityArn,
        '--worker-name',
        'cli',
      );
      while (!task.json?.taskToken) {
        expect(task.ok, task.error).toBe(true);
        task = await aws(
          'get-activity-task',
          '--activity-arn',
          activityArn,
          '--worker-name',
          'cli',
        );
      }
      expect(task.json.input).toBe('{"n":1}');
      const answered = await aws(
        'send-task-success',
        '--task-token',
        task.json.taskToken,
        '--task-output',
        '{"done":true}',
      );
      expect(answered.ok, answered.error).toBe(true);
      expect(await waitForEnd(sfn, started.json.executionArn)).toMatchObject({
        status: 'SUCCEEDED',
      });
      expect((await aws('delete-activity', '--activity-arn', activityArn)).ok).toBe(true);
      const gone = await aws('get-activity-task', '--activity-arn', activityArn);
      expect(gone.error).toContain('ActivityDoesNotExist');
    });
  });
});
