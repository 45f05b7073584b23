import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  type AlarmEvaluation,
  alarmOperations,
  evaluateAlarm,
  LocalAlarms,
  LocalRunner,
} from '@sfn-callback/local';
import { App, Duration } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CallbackExampleStack,
  type CallbackExampleStackProps,
} from '../src/callback-example-stack.ts';

// The example's alarms, as the construct synthesizes them, evaluated by @sfn-callback/local
// on the metrics of a local run: a wrong metric name or dimension in the construct leaves
// an alarm OK here where the run should set it to ALARM.

const created: string[] = [];

function synthExample(pattern?: CallbackExampleStackProps['pattern']): string {
  const outdir = mkdtempSync(join(tmpdir(), 'callback-example-alarms-'));
  created.push(outdir);
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  new CallbackExampleStack(app, 'CallbackExample', pattern ? { pattern } : {});
  app.synth();
  return outdir;
}

async function start(assembly: string) {
  const alarms = new LocalAlarms();
  const runner = alarms.attach(await LocalRunner.start(alarms.instrument({ assembly })));
  return { alarms, runner };
}

/** The evaluation of the alarm whose logical id contains `id` (e.g. 'ExecutionsFailed'). */
function find(evaluations: readonly AlarmEvaluation[], id: string): AlarmEvaluation {
  const found = evaluations.filter((e) => e.logicalId.includes(id));
  if (found.length !== 1) throw new Error(`expected one alarm ${id}, found ${found.length}`);
  return found[0] as AlarmEvaluation;
}

afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

describe('the example with its default alarms', () => {
  let alarms: LocalAlarms;
  let runner: LocalRunner;

  beforeAll(async () => {
    ({ alarms, runner } = await start(synthExample()));
  });
  afterAll(async () => {
    await runner?.close();
  });

  it('reads the eleven alarms of the template, every one evaluable locally', () => {
    expect(alarms.alarms).toHaveLength(11);
    expect(alarms.alarms.filter((a) => a.unsupported !== undefined)).toEqual([]);
  });

  it('a healthy run leaves every alarm OK, on datapoints that reached each alarm it could', async () => {
    const execution = await runner.runExecution({ order: 1 });
    expect(execution.status).toBe('SUCCEEDED');
    const evaluations = await alarms.evaluateSettled();
    expect(evaluations.map((e) => [e.logicalId, e.state])).toEqual(
      evaluations.map((e) => [e.logicalId, 'OK']),
    );
    // OK because the metrics were there and healthy, not because nothing matched: each
    // alarm whose metric a healthy run publishes has a datapoint (zero), through its own
    // namespace, name and dimensions.
    expect(find(evaluations, 'PoisonMessages').datapoints).toEqual([0]);
    expect(find(evaluations, 'AlreadyClosedRate').datapoints).toEqual([0]);
    expect(find(evaluations, 'DeadLetterQueueDepth').datapoints).toEqual([0]);
    expect(find(evaluations, 'QueueAge').datapoints).toEqual([0]);
    expect(find(evaluations, 'WorkerErrors').datapoints).toEqual([0]);
    expect(find(evaluations, 'WorkerDuration').datapoints[0]).toBeGreaterThan(0);
    // AWS/States publishes no zeros: no failed execution, no datapoint.
    expect(find(evaluations, 'ExecutionsFailed').datapoints).toEqual([null]);
  });

  it('a failing worker sets the executions-failed alarm to ALARM, and nothing else', async () => {
    const execution = await runner.runExecution({ fail: true });
    expect(execution.status).toBe('FAILED');
    const evaluations = await alarms.evaluateSettled();
    expect(find(evaluations, 'ExecutionsFailed')).toMatchObject({
      state: 'ALARM',
      datapoints: [1],
    });
    expect(evaluations.filter((e) => e.state === 'ALARM').map((e) => e.logicalId)).toEqual([
      find(evaluations, 'ExecutionsFailed').logicalId,
    ]);
  });

  it('the console endpoint answers the same evaluations (LocalDescribeAlarms)', async () => {
    runner.registerOperations(alarmOperations(alarms));
    const response = await fetch(runner.endpointUrl, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSStepFunctions.LocalDescribeAlarms',
        'Content-Type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { alarms: { logicalId: string; state: string }[] };
    expect(body.alarms).toHaveLength(11);
    expect(body.alarms.find((a) => a.logicalId.includes('ExecutionsFailed'))?.state).toBe('ALARM');
  });
});

describe('sfn-callback-local run prints the alarms after the execution', () => {
  let assembly: string;
  beforeAll(() => {
    assembly = synthExample();
  });
  const run = (...args: string[]) =>
    promisify(execFile)('sfn-callback-local', ['run', '--app', assembly, ...args], {
      env: { ...process.env, CI: 'true' },
    });

  it('a line per alarm: all OK for a healthy run, ExecutionsFailed in ALARM when the worker fails', async () => {
    const healthy = (await run()).stdout;
    expect(healthy).toMatch(/^Alarms {5}OK 11 \(evaluated now/m);
    expect(healthy.match(/^ {2}OK {16}\S+/gm)).toHaveLength(11);
    // The example's worker fails on "fail": true.
    const failed = (await run('--input', '{"fail": true}', '--expect', 'FAILED')).stdout;
    expect(failed).toMatch(/^Alarms {5}(?=.*ALARM 1)(?=.*OK 10)/m);
    expect(failed).toMatch(
      /^ {2}ALARM {13}\S*ExecutionsFailed\S* +\(≥ 1, 60 s\): Threshold Crossed/m,
    );
  });
});

describe('a poison message, with a redrive short enough for a test', () => {
  let alarms: LocalAlarms;
  let runner: LocalRunner;

  beforeAll(async () => {
    // One receive, then the DLQ, after the visibility timeout: 6 × the function timeout of
    // 3 s (the least that leaves the wrapper time to start a record past its 2 s margin).
    ({ alarms, runner } = await start(
      synthExample({
        maxReceiveCount: 1,
        lambdaFunctionProps: { timeout: Duration.seconds(3) },
      }),
    ));
  });
  afterAll(async () => {
    await runner?.close();
  });

  it('drives the poison and DLQ alarms to ALARM; a misnamed copy of the DLQ alarm stays OK', async () => {
    const work = [...runner.queues.values()].find((q) => q.spec.redrivePolicy);
    if (!work) throw new Error('no work queue');
    work.send({ MessageBody: 'this is not a callback message' });

    await expect
      .poll(() => find(alarms.evaluate(), 'PoisonMessages').state, { timeout: 10_000 })
      .toBe('ALARM');
    await expect
      .poll(() => find(alarms.evaluate(), 'DeadLetterQueueDepth').state, {
        timeout: 30_000,
        interval: 500,
      })
      .toBe('ALARM');
    const evaluations = alarms.evaluate();
    expect(find(evaluations, 'DeadLetterQueueDepth')).toMatchObject({ datapoints: [1] });
    for (const id of ['ExecutionsFailed', 'WorkerErrors', 'AlreadyClosedRate']) {
      expect(find(evaluations, id).state).toBe('OK');
    }

    // The same store, the alarm with a wrong metric name or a wrong queue: never ALARM.
    const dlqAlarm = alarms.alarms.find((a) => a.logicalId.includes('DeadLetterQueueDepth'));
    if (!dlqAlarm?.metric) throw new Error('no DLQ alarm');
    const wrongName = {
      ...dlqAlarm,
      metric: { ...dlqAlarm.metric, metricName: 'ApproximateNumberOfMessages' },
    };
    const wrongQueue = {
      ...dlqAlarm,
      metric: { ...dlqAlarm.metric, dimensions: { QueueName: work.spec.name } },
    };
    expect(evaluateAlarm(wrongName, alarms.store, Date.now()).state).toBe('OK');
    expect(evaluateAlarm(wrongQueue, alarms.store, Date.now()).state).toBe('OK');
  });
});
