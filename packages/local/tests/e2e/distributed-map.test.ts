/**
 * Distributed Map through `serve --buckets <dir>`, driven by `@aws-sdk/client-sfn` (and the
 * AWS CLI) over HTTP: a CSV in a bucket folder read in batches, a tolerated failure, results
 * written back to a bucket folder as AWS lays them out; its Map Run described, listed and
 * updated; its child executions listed by Map Run and described; bad files and keys that
 * leave the folder fail the Map with `States.ItemReaderFailed` and a cause that says why.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  RedriveExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateMapRunCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion, type ServeProcess, startServe } from '../support/serve-process.js';
import { historyOf, localClient, waitForEnd } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const AWS_CLI = awsCliVersion();

/** Reads `$.key` of `$.bucket` (CSV unless `inputType` says otherwise). */
function distributedMap(
  extra: Record<string, unknown>,
  itemProcessorStates: Record<string, unknown>,
  startAt: string,
  inputType = 'CSV',
) {
  return JSON.stringify({
    StartAt: 'Orders',
    States: {
      Orders: {
        Type: 'Map',
        Label: 'Orders',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig:
            inputType === 'CSV'
              ? { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }
              : { InputType: inputType },
          Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.key' },
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: startAt,
          States: itemProcessorStates,
        },
        End: true,
        ...extra,
      },
    },
  });
}

/** A batch whose first item has status "bad" fails; the others pass their items through. */
const CHECK_BATCH = {
  Check: {
    Type: 'Choice',
    Choices: [{ Variable: '$.Items[0].status', StringEquals: 'bad', Next: 'Reject' }],
    Default: 'Accept',
  },
  Reject: { Type: 'Fail', Error: 'BadOrder', Cause: 'the order is bad' },
  Accept: { Type: 'Pass', OutputPath: '$.Items', End: true },
};

/** 3,000 orders with names in several scripts; order 1200 opens a batch and is bad. */
const JSON_ORDERS = Array.from({ length: 3_000 }, (_, id) => ({
  id,
  status: id === 1_200 ? 'bad' : 'ok',
  customer: `Zoë Łukasz 渋谷 ${id} 😀`,
}));

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('Distributed Map over bucket folders, through serve', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;
  let buckets: string;
  let batched: string;
  let waiting: string;
  let jsonReading: string;
  let jsonBatchedReading: string;

  beforeAll(async () => {
    buckets = mkdtempSync(join(tmpdir(), 'sfn-local-buckets-'));
    mkdirSync(join(buckets, 'orders-in', 'daily'), { recursive: true });
    mkdirSync(join(buckets, 'orders-out'));
    writeFileSync(
      join(buckets, 'orders-in', 'daily', 'orders.csv'),
      'id,status\n1,ok\n2,ok\n3,bad\n4,ok\n5,ok\n6,ok\n',
    );
    writeFileSync(join(buckets, 'orders-in', 'broken.csv'), 'id,status\n1,"never closed\n');
    writeFileSync(join(buckets, 'orders-in', 'object.json'), '{"not": "an array"}');
    writeFileSync(join(buckets, 'orders-in', 'truncated.json'), '[{"id": 1}, {"id": 2');
    // Larger than one read of the folder store (64 KiB): array elements and multi-byte
    // characters fall across the reads.
    writeFileSync(join(buckets, 'orders-in', 'orders.json'), JSON.stringify(JSON_ORDERS));
    writeFileSync(join(tmpdir(), 'sfn-local-outside.csv'), 'id\n1\n');
    symlinkSync(join(tmpdir(), 'sfn-local-outside.csv'), join(buckets, 'orders-in', 'link.csv'));

    serve = await startServe(['--buckets', buckets]);
    sfn = localClient(serve.endpointUrl);
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'BatchedOrders',
        roleArn: ROLE,
        definition: distributedMap(
          {
            ItemBatcher: { MaxItemsPerBatch: 2 },
            ToleratedFailureCount: 2,
            ResultWriter: {
              Resource: 'arn:aws:states:::s3:putObject',
              Parameters: { Bucket: 'orders-out', Prefix: 'results' },
            },
          },
          CHECK_BATCH,
          'Check',
        ),
      }),
    );
    batched = created.stateMachineArn as string;
    const slow = await sfn.send(
      new CreateStateMachineCommand({
        name: 'WaitingOrders',
        roleArn: ROLE,
        definition: distributedMap(
          { MaxConcurrency: 1 },
          { Hold: { Type: 'Wait', Seconds: 600, End: true } },
          'Hold',
        ),
      }),
    );
    waiting = slow.stateMachineArn as string;
    const json = await sfn.send(
      new CreateStateMachineCommand({
        name: 'JsonOrders',
        roleArn: ROLE,
        definition: distributedMap({}, CHECK_BATCH, 'Check', 'JSON'),
      }),
    );
    jsonReading = json.stateMachineArn as string;
    const jsonBatched = await sfn.send(
      new CreateStateMachineCommand({
        name: 'JsonBatchedOrders',
        roleArn: ROLE,
        definition: distributedMap(
          {
            MaxConcurrency: 1,
            ItemBatcher: { MaxItemsPerBatch: 100 },
            ResultWriter: {
              Resource: 'arn:aws:states:::s3:putObject',
              Parameters: { Bucket: 'orders-out', Prefix: 'json-results' },
            },
          },
          CHECK_BATCH,
          'Check',
          'JSON',
        ),
      }),
    );
    jsonBatchedReading = jsonBatched.stateMachineArn as string;
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    rmSync(buckets, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'sfn-local-outside.csv'), { force: true });
  });

  const start = async (stateMachineArn: string, input: Record<string, unknown>) => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
    );
    return executionArn as string;
  };

  it('reads a CSV in batches, tolerates a failed batch, writes its results and reports its Map Run', async () => {
    const executionArn = await start(batched, {
      bucket: 'orders-in',
      key: 'daily/orders.csv',
      type: 'CSV',
    });
    const ended = await waitForEnd(sfn, executionArn);
    expect(ended.status, ended.cause).toBe('SUCCEEDED');
    const output = JSON.parse(ended.output as string);
    const mapRunArn = output.MapRunArn as string;
    expect(mapRunArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:mapRun:BatchedOrders\/Orders:[0-9a-f-]{36}$/,
    );

    // The results, laid out as AWS lays them out.
    const mapRunId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
    expect(output.ResultWriterDetails).toEqual({
      Bucket: 'orders-out',
      Key: `results/${mapRunId}/manifest.json`,
    });
    const written = join(buckets, 'orders-out', 'results', mapRunId);
    expect(readdirSync(written).sort()).toEqual([
      'FAILED_0.json',
      'SUCCEEDED_0.json',
      'manifest.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(written, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ DestinationBucket: 'orders-out', MapRunArn: mapRunArn });
    const succeeded = JSON.parse(readFileSync(join(written, 'SUCCEEDED_0.json'), 'utf8'));
    expect(succeeded.map((r: { Output: string }) => JSON.parse(r.Output))).toEqual([
      [
        { id: '1', status: 'ok' },
        { id: '2', status: 'ok' },
      ],
      [
        { id: '5', status: 'ok' },
        { id: '6', status: 'ok' },
      ],
    ]);
    const failed = JSON.parse(readFileSync(join(written, 'FAILED_0.json'), 'utf8'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ Error: 'BadOrder', Cause: 'the order is bad' });

    // The Map Run, as DescribeMapRun and ListMapRuns give it.
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(described).toMatchObject({
      mapRunArn,
      executionArn,
      status: 'SUCCEEDED',
      toleratedFailureCount: 2,
      itemCounts: { total: 6, succeeded: 4, failed: 2 },
      executionCounts: { total: 3, succeeded: 2, failed: 1 },
    });
    expect(described.startDate).toBeInstanceOf(Date);
    expect(described.stopDate).toBeInstanceOf(Date);
    const listed = await sfn.send(new ListMapRunsCommand({ executionArn }));
    expect(listed.mapRuns).toEqual([
      expect.objectContaining({
        mapRunArn,
        executionArn,
        stateMachineArn: `${batched}/Orders`,
      }),
    ]);

    // Its children: listed by Map Run, each describable with its own history.
    const children = await sfn.send(new ListExecutionsCommand({ mapRunArn }));
    expect(children.executions).toHaveLength(3);
    expect(children.executions?.map((c) => c.status).sort()).toEqual([
      'FAILED',
      'SUCCEEDED',
      'SUCCEEDED',
    ]);
    const failedChildren = await sfn.send(
      new ListExecutionsCommand({ mapRunArn, statusFilter: 'FAILED' }),
    );
    const failedChild = failedChildren.executions?.[0];
    expect(failedChild?.stateMachineArn).toBe(`${batched}/Orders`);
    const child = await sfn.send(
      new DescribeExecutionCommand({ executionArn: failedChild?.executionArn }),
    );
    expect(child).toMatchObject({ status: 'FAILED', error: 'BadOrder', mapRunArn });
    // Its state machine: the Map Run's (the parent's), with the run and the Map's label.
    const machineOfChild = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: failedChild?.executionArn }),
    );
    const parentMachine = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: batched }),
    );
    expect(machineOfChild).toMatchObject({
      stateMachineArn: batched,
      name: parentMachine.name,
      definition: parentMachine.definition,
      mapRunArn,
      label: 'Orders',
    });
    expect(JSON.parse(child.input as string)).toEqual({
      Items: [
        { id: '3', status: 'bad' },
        { id: '4', status: 'ok' },
      ],
    });
    const childHistory = await historyOf(sfn, failedChild?.executionArn as string);
    expect(childHistory[0]?.type).toBe('ExecutionStarted');
    expect(childHistory.at(-1)?.type).toBe('ExecutionFailed');
    // The parent's history shows the Map Run, not the children.
    const parentTypes = (await historyOf(sfn, executionArn)).map((e) => e.type);
    expect(parentTypes).toContain('MapRunStarted');
    expect(parentTypes).toContain('MapRunSucceeded');

    // An ended Map Run cannot be updated.
    const late = await refusal(sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 3 })));
    expect(late.name).toBe('ValidationException');
    expect(late.message).toMatch(/SUCCEEDED and cannot be updated/);
  });

  it('updates a running Map Run', async () => {
    const executionArn = await start(waiting, {
      bucket: 'orders-in',
      key: 'daily/orders.csv',
      type: 'CSV',
    });
    let mapRunArn: string | undefined;
    for (let attempt = 0; attempt < 100 && !mapRunArn; attempt++) {
      mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns?.[0]
        ?.mapRunArn;
      if (!mapRunArn) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(mapRunArn).toBeDefined();
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      status: 'RUNNING',
      maxConcurrency: 1,
    });
    await sfn.send(
      new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 4, toleratedFailurePercentage: 50 }),
    );
    const updated = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(updated).toMatchObject({ maxConcurrency: 4, toleratedFailurePercentage: 50 });
    // Values out of range are refused, and so is an update without a setting.
    const tooMuch = await refusal(
      sfn.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailurePercentage: 101 })),
    );
    expect(tooMuch.name).toBe('ValidationException');
    expect(tooMuch.message).toMatch(/toleratedFailurePercentage/);
    const negative = await refusal(
      sfn.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailureCount: -1 })),
    );
    expect(negative.name).toBe('ValidationException');
    expect((await refusal(sfn.send(new UpdateMapRunCommand({ mapRunArn })))).name).toBe(
      'ValidationException',
    );
    await sfn.send(new StopExecutionCommand({ executionArn }));
    expect((await waitForEnd(sfn, executionArn)).status).toBe('ABORTED');
  });

  it('answers a Map Run ARN that does not exist with ResourceNotFound', async () => {
    const mapRunArn = `${batched.replace(':stateMachine:', ':mapRun:')}/Orders:00000000-0000-0000-0000-000000000000`;
    const expected = { name: 'ResourceNotFound', message: `Resource not found: '${mapRunArn}'` };
    expect(await refusal(sfn.send(new DescribeMapRunCommand({ mapRunArn })))).toEqual(expected);
    expect(
      await refusal(sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 1 }))),
    ).toEqual(expected);
    expect(await refusal(sfn.send(new ListExecutionsCommand({ mapRunArn })))).toEqual(expected);
    expect((await refusal(sfn.send(new DescribeMapRunCommand({ mapRunArn: 'nope' })))).name).toBe(
      'InvalidArn',
    );
  });

  it.each([
    [
      'a key with ..',
      { key: '../orders-out/x.csv', type: 'CSV' },
      /would leave the bucket's folder/,
    ],
    ['an absolute key', { key: '/etc/passwd', type: 'CSV' }, /would leave the bucket's folder/],
    [
      'a symbolic link out of the folder',
      { key: 'link.csv', type: 'CSV' },
      /leads outside the bucket's folder/,
    ],
    ['a CSV that is not CSV', { key: 'broken.csv', type: 'CSV' }, /never closed/],
    ['a JSON file that is not an array', { key: 'object.json', type: 'JSON' }, /non-iterable/],
    [
      'a truncated JSON file',
      { key: 'truncated.json', type: 'JSON' },
      /ends before its JSON array is closed \(\d+ bytes, 1 items read\)/,
    ],
    [
      'a key that does not exist',
      { key: 'missing.csv', type: 'CSV' },
      /does not exist: 'missing.csv'/,
    ],
    [
      'a bucket without its folder',
      { bucket: 'no-such-bucket', key: 'a.csv', type: 'CSV' },
      /bucket does not exist: 'no-such-bucket'.*mkdir -p/,
    ],
  ])('fails the Map with States.ItemReaderFailed on %s', async (_, input, cause) => {
    const machine = input.type === 'JSON' ? jsonReading : batched;
    const executionArn = await start(machine, { bucket: 'orders-in', ...input });
    const ended = await waitForEnd(sfn, executionArn);
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toBe('States.ItemReaderFailed');
    expect(ended.cause).toMatch(cause);
  });

  it('streams a JSON array from a bucket folder; a failed run writes the unstarted batches to PENDING_0.json', async () => {
    const executionArn = await start(jsonBatchedReading, {
      bucket: 'orders-in',
      key: 'orders.json',
    });
    const ended = await waitForEnd(sfn, executionArn);
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toBe('States.ExceedToleratedFailureThreshold');

    const [mapRun] = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns ?? [];
    const mapRunArn = mapRun?.mapRunArn as string;
    const mapRunId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
    const written = join(buckets, 'orders-out', 'json-results', mapRunId);
    expect(readdirSync(written).sort()).toEqual([
      'FAILED_0.json',
      'PENDING_0.json',
      'SUCCEEDED_0.json',
      'manifest.json',
    ]);
    const manifest = JSON.parse(readFileSync(join(written, 'manifest.json'), 'utf8'));
    expect(manifest.ResultFiles.PENDING).toEqual([
      {
        Key: `json-results/${mapRunId}/PENDING_0.json`,
        Size: readFileSync(join(written, 'PENDING_0.json')).byteLength,
      },
    ]);
    // Batches 0-11 ran, batch 12 (orders 1200-1299) failed, batches 13-29 never started.
    const itemsOf = (file: string) =>
      JSON.parse(readFileSync(join(written, file), 'utf8')).flatMap(
        (entry: { Input: string }) => JSON.parse(entry.Input).Items,
      );
    expect(itemsOf('SUCCEEDED_0.json')).toEqual(JSON_ORDERS.slice(0, 1_200));
    expect(itemsOf('FAILED_0.json')).toEqual(JSON_ORDERS.slice(1_200, 1_300));
    expect(itemsOf('PENDING_0.json')).toEqual(JSON_ORDERS.slice(1_300));
    const pending = JSON.parse(readFileSync(join(written, 'PENDING_0.json'), 'utf8'));
    expect(pending).toHaveLength(17);
    expect(pending[0]).toEqual({
      Input: expect.any(String),
      InputDetails: { Included: true },
      Status: 'PENDING',
    });
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(described.status).toBe('FAILED');
    expect(described.itemCounts).toMatchObject({
      total: 3_000,
      succeeded: 1_200,
      failed: 100,
      pending: 1_700,
    });
  });

  it('redrives a failed Distributed Map through its parent: only the failed children run again', async () => {
    // The child whose batch holds order 3 fails on its first attempt, and succeeds once redriven.
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'RedrivenOrders',
        roleArn: ROLE,
        definition: distributedMap(
          { ItemBatcher: { MaxItemsPerBatch: 2 } },
          {
            // The state that fails is the one a redrive runs again: it decides on the count.
            Check: {
              Type: 'Pass',
              QueryLanguage: 'JSONata',
              Output:
                '{% ($states.input.Items[0].id = "3" and $states.context.Execution.RedriveCount = 0) ? $error("first attempt") : $states.input %}',
              End: true,
            },
          },
          'Check',
        ),
      }),
    );
    const executionArn = await start(created.stateMachineArn as string, {
      bucket: 'orders-in',
      key: 'daily/orders.csv',
    });
    const failed = await waitForEnd(sfn, executionArn);
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      redriveStatus: 'REDRIVABLE',
    });
    const mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns?.[0]
      ?.mapRunArn as string;
    const before = await sfn.send(new ListExecutionsCommand({ mapRunArn }));
    const startedFirst = new Map(before.executions?.map((e) => [e.executionArn, e.status]));

    await sfn.send(new RedriveExecutionCommand({ executionArn }));
    const ended = await waitForEnd(sfn, executionArn);
    expect(ended).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });

    // The same Map Run went on; the children that succeeded were not run again.
    expect((await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns).toHaveLength(1);
    expect(await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
      itemCounts: { total: 6, succeeded: 6, failed: 0 },
    });
    const redriven = await sfn.send(
      new ListExecutionsCommand({ mapRunArn, redriveFilter: 'REDRIVEN' }),
    );
    const redrivenArns = redriven.executions?.map((e) => e.executionArn) ?? [];
    expect(redrivenArns.map((arn) => startedFirst.get(arn))).toEqual(['FAILED']);
    const all = await sfn.send(new ListExecutionsCommand({ mapRunArn }));
    expect(all.executions?.map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    // A child is redriven through its parent, not on its own.
    const refused = await refusal(
      sfn.send(new RedriveExecutionCommand({ executionArn: redrivenArns[0] })),
    );
    expect(refused.name).toBe('ExecutionNotRedrivable');
  });

  it.skipIf(!AWS_CLI)('describes the Map Run through the AWS CLI', async () => {
    const executionArn = await start(batched, {
      bucket: 'orders-in',
      key: 'daily/orders.csv',
      type: 'CSV',
    });
    await waitForEnd(sfn, executionArn);
    const aws = (...args: string[]) => awsStepFunctions(serve.endpointUrl, args);
    const runs = await aws('list-map-runs', '--execution-arn', executionArn);
    expect(runs.ok, runs.error).toBe(true);
    const mapRunArn = runs.json.mapRuns[0].mapRunArn as string;
    const [described, children] = await Promise.all([
      aws('describe-map-run', '--map-run-arn', mapRunArn),
      aws('list-executions', '--map-run-arn', mapRunArn),
    ]);
    expect(described.json).toMatchObject({ status: 'SUCCEEDED', itemCounts: { total: 6 } });
    expect(children.json.executions).toHaveLength(3);
  });
});
