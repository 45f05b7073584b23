/**
 * A CDK app's activities (`sfn.Activity`, `AWS::StepFunctions::Activity`) exist when the
 * runner starts, as CloudFormation would have created them: listed, and the app's state
 * machine schedules its task there for a worker (GetActivityTask through the SDK) to answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeActivityCommand,
  GetActivityTaskCommand,
  ListActivitiesCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { historyOf, localClient } from '../support/sfn-client.js';

const outdir = mkdtempSync(join(tmpdir(), 'sfn-app-activities-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** An app whose state machine asks an activity for an approval. */
function synthApp(): string {
  const app = new App({ outdir: join(outdir, 'cdk.out') });
  const stack = new Stack(app, 'Approvals');
  const activity = new sfn.Activity(stack, 'Approve', { activityName: 'approve-order' });
  new sfn.Activity(stack, 'Unnamed');
  const ask = new tasks.StepFunctionsInvokeActivity(stack, 'Ask For Approval', {
    activity,
    taskTimeout: sfn.Timeout.duration(Duration.minutes(5)),
  });
  new sfn.StateMachine(stack, 'Orders', {
    stateMachineName: 'orders',
    definitionBody: sfn.DefinitionBody.fromChainable(ask),
  });
  return app.synth().directory;
}

describe("an app's activities", () => {
  it('are created at start, and its state machine hands its task to a worker of that activity', async () => {
    const runner = await LocalRunner.start({ assembly: synthApp(), workers: false });
    try {
      const sfnClient = localClient(runner.endpointUrl);
      const listed = await sfnClient.send(new ListActivitiesCommand({}));
      const names = (listed.activities ?? []).map((a) => a.name).sort();
      expect(names).toHaveLength(2);
      expect(names).toContain('approve-order');
      // The CDK names an unnamed activity after its path, as it would on AWS.
      expect(names.find((n) => n !== 'approve-order')).toMatch(/^ApprovalsUnnamed/);
      const arn = `arn:aws:states:us-east-1:000000000000:activity:approve-order`;
      expect(await sfnClient.send(new DescribeActivityCommand({ activityArn: arn }))).toMatchObject(
        { activityArn: arn, name: 'approve-order' },
      );

      const execution = runner.startExecution({ order: 42 }, { stateMachine: 'orders' });
      const task = await sfnClient.send(
        new GetActivityTaskCommand({ activityArn: arn, workerName: 'approver' }),
      );
      expect(JSON.parse(task.input as string)).toEqual({ order: 42 });
      await sfnClient.send(
        new SendTaskSuccessCommand({
          taskToken: task.taskToken,
          output: JSON.stringify({ approved: true }),
        }),
      );
      const ended = await execution.done;
      expect(ended.status).toBe('SUCCEEDED');
      expect(JSON.parse(ended.output as string)).toEqual({ approved: true });
      const types = (await historyOf(sfnClient, execution.executionArn)).map((event) => event.type);
      expect(types).toEqual(
        expect.arrayContaining(['ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded']),
      );
    } finally {
      await runner.close();
    }
  });
});
