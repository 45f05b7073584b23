import { describe, expect, it } from 'vitest';
import {
  type ChildExecution,
  InMemoryObjectStore,
  type Json,
  type MapRun,
  MapRunUpdateError,
} from '../../../src/index.js';
import { shape, start } from '../execution/run.js';

/** A task that runs until the engine aborts it. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason));
  });

const processor = (states: object = { P: { Type: 'Pass', End: true } }, type = 'STANDARD') => ({
  ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type },
  StartAt: Object.keys(states)[0],
  States: states,
});

const fromCsv = (extra: object = {}) => ({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
        Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.key' },
      },
      ItemProcessor: processor(),
      End: true,
      ...extra,
    },
  },
});

function observed() {
  const runs: MapRun[] = [];
  const started: ChildExecution[] = [];
  const ended: ChildExecution[] = [];
  return {
    runs,
    started,
    ended,
    observer: {
      mapRunStarted: (run: MapRun) => runs.push(run),
      childStarted: (child: ChildExecution) => started.push(child),
      childEnded: (child: ChildExecution) => ended.push(child),
    },
  };
}

describe('Distributed Map', () => {
  it('runs each item as a child execution with its own ARN and history; the parent shows the Map Run', async () => {
    const seen = observed();
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: { Type: 'Map', Label: 'Each', ItemProcessor: processor(), End: true },
        },
      },
      ['a', 'b'],
      undefined,
      { distributedMap: { observer: seen.observer } },
    );
    expect(await run.execution.result).toEqual({ status: 'SUCCEEDED', output: ['a', 'b'] });
    expect(shape(run.execution.history)).toEqual([
      'ExecutionStarted',
      'MapStateEntered:M',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    const mapRunArn = run.execution.history[3]?.mapRunStartedEventDetails?.mapRunArn;
    expect(mapRunArn).toMatch(
      /^arn:aws:states:us-east-1:111111111111:mapRun:m\/Each:[0-9a-f-]{36}$/,
    );
    expect(seen.ended.map((child) => child.input)).toEqual(['a', 'b']);
    for (const child of seen.ended) {
      expect(child.executionArn).toMatch(
        /^arn:aws:states:us-east-1:111111111111:execution:m\/Each:[0-9a-f-]{36}$/,
      );
      expect(child.executionArn.endsWith(`:${child.name}`)).toBe(true);
      expect(child.stateMachineArn).toBe(
        'arn:aws:states:us-east-1:111111111111:stateMachine:m/Each',
      );
      expect(child.mapRunArn).toBe(mapRunArn);
      expect(child.status).toBe('SUCCEEDED');
      expect(shape(child.history)).toEqual([
        'ExecutionStarted',
        'PassStateEntered:P',
        'PassStateExited',
        'ExecutionSucceeded',
      ]);
    }
    const described = seen.runs[0]?.describe();
    expect(described).toMatchObject({
      mapRunArn,
      executionArn: 'arn:aws:states:us-east-1:111111111111:execution:m:e',
      status: 'SUCCEEDED',
      itemCounts: { total: 2, succeeded: 2, running: 0, failed: 0 },
      executionCounts: { total: 2, succeeded: 2 },
    });
    expect(described?.stopDate).toBeInstanceOf(Date);
  });

  it('EXPRESS children get express ARNs; the context object inside a child is the child execution', async () => {
    const seen = observed();
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: processor(
              { P: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id' }, End: true } },
              'EXPRESS',
            ),
            End: true,
          },
        },
      },
      [1],
      undefined,
      { distributedMap: { observer: seen.observer } },
    );
    const result = await run.execution.result;
    const child = seen.ended[0] as ChildExecution;
    expect(child.executionArn).toMatch(/:express:m\/[^:]+:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    expect(result.output).toEqual([{ id: child.executionArn }]);
  });

  it('reads a CSV from the object store, MaxItems, ItemSelector, ItemBatcher with BatchInput', async () => {
    const store = new InMemoryObjectStore();
    await store.putObject('in', 'rows.csv', 'id,name\n1,"a, b"\n2,c\n3,d\n4,e\n5,f\n');
    const run = start(
      fromCsv({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItems: 4 },
          Parameters: { 'Bucket.$': '$.bucket', 'Key.$': '$.key' },
        },
        ItemSelector: { 'row.$': '$$.Map.Item.Value', 'at.$': '$$.Map.Item.Index' },
        ItemBatcher: { MaxItemsPerBatch: 3, BatchInput: { 'source.$': '$.key' } },
      }),
      { bucket: 'in', key: 'rows.csv' },
      undefined,
      { distributedMap: { objectStore: store } },
    );
    expect(await run.execution.result).toEqual({
      status: 'SUCCEEDED',
      output: [
        {
          BatchInput: { source: 'rows.csv' },
          Items: [
            { row: { id: '1', name: 'a, b' }, at: 0 },
            { row: { id: '2', name: 'c' }, at: 1 },
            { row: { id: '3', name: 'd' }, at: 2 },
          ],
        },
        { BatchInput: { source: 'rows.csv' }, Items: [{ row: { id: '4', name: 'e' }, at: 3 }] },
      ],
    });
    // Recorded: the length is 0 when the items come from a reader.
    expect(run.execution.history[2]?.mapStateStartedEventDetails).toEqual({ length: 0 });
  });

  it('a reader that fails records MapRunFailed with its error, then MapStateFailed (recorded shape)', async () => {
    const store = new InMemoryObjectStore();
    await store.putObject('in', 'rows.json', '{"not":"an array"}');
    const run = start(
      fromCsv({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { Bucket: 'in', Key: 'rows.json' },
        },
      }),
      {},
      undefined,
      { distributedMap: { objectStore: store } },
    );
    expect(await run.execution.result).toEqual({
      status: 'FAILED',
      error: 'States.ItemReaderFailed',
      cause: 'Attempting to map over non-iterable node.',
    });
    expect(shape(run.execution.history).slice(2)).toEqual([
      'MapStateStarted',
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    expect(run.execution.history[4]?.mapRunFailedEventDetails).toEqual({
      error: 'States.ItemReaderFailed',
      cause: 'Attempting to map over non-iterable node.',
    });
  });

  it('a missing object and a negative MaxItems fail with States.ItemReaderFailed', async () => {
    const store = new InMemoryObjectStore(['in']);
    const missing = start(fromCsv(), { bucket: 'in', key: 'nope.csv' }, undefined, {
      distributedMap: { objectStore: store },
    });
    expect(await missing.execution.result).toMatchObject({
      error: 'States.ItemReaderFailed',
      cause: expect.stringContaining("'nope.csv'"),
    });
    await store.putObject('in', 'a.csv', 'h\n1\n');
    const negative = start(
      fromCsv({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'CSV', MaxItemsPath: '$.max' },
          Parameters: { Bucket: 'in', Key: 'a.csv' },
        },
      }),
      { max: -1 },
      undefined,
      { distributedMap: { objectStore: store } },
    );
    expect(await negative.execution.result).toMatchObject({
      error: 'States.ItemReaderFailed',
      cause: 'field MaxItems must be positive',
    });
  });

  it('lists objects with listObjectsV2 as items of AWS shape', async () => {
    const store = new InMemoryObjectStore();
    await store.putObject('b', 'data/one.txt', 'hello');
    await store.putObject('b', 'data/two.txt', 'hi');
    await store.putObject('b', 'other.txt', 'x');
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemReader: {
              Resource: 'arn:aws:states:::s3:listObjectsV2',
              Parameters: { Bucket: 'b', Prefix: 'data/' },
            },
            ItemProcessor: processor(),
            End: true,
          },
        },
      },
      {},
      undefined,
      { distributedMap: { objectStore: store } },
    );
    const result = await run.execution.result;
    expect(result.output).toEqual([
      {
        Etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
        Key: 'data/one.txt',
        LastModified: 0,
        Size: 5,
        StorageClass: 'STANDARD',
      },
      {
        Etag: expect.stringMatching(/^"[0-9a-f]{32}"$/),
        Key: 'data/two.txt',
        LastModified: 0,
        Size: 2,
        StorageClass: 'STANDARD',
      },
    ]);
  });

  it('tolerates failures up to ToleratedFailureCount and writes SUCCEEDED and FAILED files with a manifest', async () => {
    const store = new InMemoryObjectStore(['out']);
    const seen = observed();
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ToleratedFailureCount: 1,
            ItemProcessor: processor({
              Check: {
                Type: 'Choice',
                Choices: [{ Variable: '$.ok', BooleanEquals: false, Next: 'Bad' }],
                Default: 'Good',
              },
              Bad: { Type: 'Fail', Error: 'Item.Bad', Cause: 'bad item' },
              Good: { Type: 'Pass', OutputPath: '$.v', End: true },
            }),
            ResultWriter: {
              Resource: 'arn:aws:states:::s3:putObject',
              Parameters: { Bucket: 'out', Prefix: 'runs' },
            },
            End: true,
          },
        },
      },
      [
        { ok: true, v: 1 },
        { ok: false, v: 2 },
        { ok: true, v: 3 },
      ],
      undefined,
      { distributedMap: { objectStore: store, observer: seen.observer } },
    );
    const result = await run.execution.result;
    const mapRun = seen.runs[0] as MapRun;
    const manifestKey = `runs/${mapRun.id}/manifest.json`;
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        MapRunArn: mapRun.mapRunArn,
        ResultWriterDetails: { Bucket: 'out', Key: manifestKey },
      },
    });
    const manifest = JSON.parse(store.read('out', manifestKey) ?? 'null');
    const succeededKey = `runs/${mapRun.id}/SUCCEEDED_0.json`;
    const failedKey = `runs/${mapRun.id}/FAILED_0.json`;
    expect(manifest).toEqual({
      DestinationBucket: 'out',
      MapRunArn: mapRun.mapRunArn,
      ResultFiles: {
        FAILED: [{ Key: failedKey, Size: Buffer.byteLength(store.read('out', failedKey) ?? '') }],
        PENDING: [],
        SUCCEEDED: [
          { Key: succeededKey, Size: Buffer.byteLength(store.read('out', succeededKey) ?? '') },
        ],
      },
    });
    const succeeded = JSON.parse(store.read('out', succeededKey) ?? '[]');
    expect(succeeded.map((entry: { Output: string }) => JSON.parse(entry.Output))).toEqual([1, 3]);
    expect(succeeded[0]).toMatchObject({
      InputDetails: { Included: true },
      Status: 'SUCCEEDED',
      RedriveStatus: 'NOT_REDRIVABLE',
      StateMachineArn: expect.stringMatching(/:stateMachine:m\//),
    });
    const failed = JSON.parse(store.read('out', failedKey) ?? '[]');
    expect(failed).toEqual([
      expect.objectContaining({ Status: 'FAILED', Error: 'Item.Bad', Cause: 'bad item' }),
    ]);
    expect(mapRun.describe()).toMatchObject({
      status: 'SUCCEEDED',
      toleratedFailureCount: 1,
      itemCounts: { total: 3, succeeded: 2, failed: 1, resultsWritten: 3 },
    });
  });

  it('WriterConfig alone shapes the output (FLATTEN) and writes nothing', async () => {
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: processor(),
            ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } },
            End: true,
          },
        },
      },
      [[1, 2], [3], 4],
    );
    expect(await run.execution.result).toEqual({ status: 'SUCCEEDED', output: [1, 2, 3, 4] });
  });

  it('more failures than tolerated fail the Map Run with States.ExceedToleratedFailureThreshold and abort the running children', async () => {
    const seen = observed();
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 2,
            ItemProcessor: processor({
              T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
            }),
            End: true,
          },
        },
      },
      ['fail', 'slow', 'never'],
      async (request) => {
        if (request.parameters === 'fail') throw new Error('boom');
        return untilAborted(request.signal);
      },
      { distributedMap: { observer: seen.observer } },
    );
    expect(await run.execution.result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
    });
    expect(shape(run.execution.history).slice(-4)).toEqual([
      'MapRunStarted',
      'MapRunFailed',
      'MapStateFailed',
      'ExecutionFailed',
    ]);
    expect(seen.ended.map((child) => child.status).sort()).toEqual(['ABORTED', 'FAILED']);
    expect(seen.started).toHaveLength(2);
    expect(seen.runs[0]?.describe()).toMatchObject({
      status: 'FAILED',
      // 'never' was not started.
      itemCounts: { total: 3, pending: 1, failed: 1, aborted: 1 },
    });
  });

  it('runs at most MaxConcurrency children at once; UpdateMapRun raises the limit while it runs', async () => {
    const seen = observed();
    const waiting: (() => void)[] = [];
    let most = 0;
    let now = 0;
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 1,
            ItemProcessor: processor({
              T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
            }),
            End: true,
          },
        },
      },
      [1, 2, 3, 4],
      async (request) => {
        now++;
        most = Math.max(most, now);
        await new Promise<void>((resolve) => waiting.push(resolve));
        now--;
        return request.parameters;
      },
      { distributedMap: { observer: seen.observer } },
    );
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    while (waiting.length === 0) await settle();
    await settle();
    expect(waiting).toHaveLength(1);
    const mapRun = seen.runs[0] as MapRun;
    expect(() => mapRun.update({ maxConcurrency: -1 })).toThrow(MapRunUpdateError);
    mapRun.update({ maxConcurrency: 3 });
    while (waiting.length < 3) await settle();
    expect(mapRun.describe().itemCounts?.running).toBe(3);
    while (waiting.length > 0) {
      (waiting.shift() as () => void)();
      await settle();
      await settle();
    }
    expect(await run.execution.result).toEqual({ status: 'SUCCEEDED', output: [1, 2, 3, 4] });
    expect(most).toBe(3);
    expect(() => mapRun.update({ maxConcurrency: 5 })).toThrow(/SUCCEEDED and cannot be updated/);
  });

  it('stopping the parent aborts its children and the Map Run', async () => {
    const seen = observed();
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: processor({
              T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
            }),
            End: true,
          },
        },
      },
      [1, 2],
      (request) => untilAborted(request.signal),
      { distributedMap: { observer: seen.observer } },
    );
    while (seen.started.length < 2) await new Promise((resolve) => setImmediate(resolve));
    run.execution.stop('Stop', 'stopped');
    expect(await run.execution.result).toMatchObject({ status: 'ABORTED' });
    expect(seen.ended.map((child) => child.status)).toEqual(['ABORTED', 'ABORTED']);
    expect(seen.runs[0]?.status).toBe('ABORTED');
  });

  it('a Map Run that fails still writes its results: FAILED_0.json holds the failure', async () => {
    const store = new InMemoryObjectStore(['out']);
    const seen = observed();
    const run = start(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 1,
            ItemProcessor: processor({ F: { Type: 'Fail', Error: 'E', Cause: 'c' } }),
            ResultWriter: {
              Resource: 'arn:aws:states:::s3:putObject',
              Parameters: { Bucket: 'out', Prefix: '' },
              WriterConfig: { OutputType: 'JSONL' },
            },
            End: true,
          },
        },
      },
      [1, 2],
      undefined,
      { distributedMap: { objectStore: store, observer: seen.observer } },
    );
    expect(await run.execution.result).toMatchObject({
      error: 'States.ExceedToleratedFailureThreshold',
    });
    const id = (seen.runs[0] as MapRun).id;
    expect(store.keys('out')).toEqual([
      `${id}/FAILED_0.json`,
      `${id}/PENDING_0.json`,
      `${id}/manifest.json`,
    ]);
    const lines = (store.read('out', `${id}/FAILED_0.json`) ?? '').split('\n');
    expect(lines.map((text) => JSON.parse(text))).toEqual([
      expect.objectContaining({ Status: 'FAILED', Error: 'E', Cause: 'c', Input: '1' }),
    ]);
    // Item 2 never started: PENDING_0.json, in the writer's OutputType too.
    const pending = (store.read('out', `${id}/PENDING_0.json`) ?? '').split('\n');
    expect(pending.map((text) => JSON.parse(text))).toEqual([
      { Input: '2', InputDetails: { Included: true }, Status: 'PENDING' },
    ]);
  });

  describe('PENDING_n.json: the items a Map Run never started', () => {
    /** A JSON array of items in a store; the item with `fail` fails its child. */
    async function jsonItems(items: Json[]) {
      const store = new InMemoryObjectStore(['out']);
      await store.putObject('in', 'items.json', JSON.stringify(items));
      return store;
    }
    const failing = processor({
      Check: {
        Type: 'Choice',
        Choices: [{ Variable: '$.fail', IsPresent: true, Next: 'F' }],
        Default: 'P',
      },
      F: { Type: 'Fail', Error: 'Bad', Cause: 'bad item' },
      P: { Type: 'Pass', End: true },
    });
    const readerMap = (extra: object) => ({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          MaxConcurrency: 1,
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON' },
            Parameters: { Bucket: 'in', Key: 'items.json' },
          },
          ItemProcessor: failing,
          ResultWriter: {
            Resource: 'arn:aws:states:::s3:putObject',
            Parameters: { Bucket: 'out', Prefix: 'results' },
          },
          End: true,
          ...extra,
        },
      },
    });
    const ITEMS: Json[] = [{ v: 1 }, { v: 2, fail: true }, { v: 3 }, { v: 4 }];

    it('a run over its tolerated failures lists the unstarted items in the manifest, shaped like the others', async () => {
      const store = await jsonItems(ITEMS);
      const seen = observed();
      const run = start(
        readerMap({
          ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
          ItemProcessor: processor({
            Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$.value.fail', IsPresent: true, Next: 'F' }],
              Default: 'P',
            },
            F: { Type: 'Fail', Error: 'Bad', Cause: 'bad item' },
            P: { Type: 'Pass', End: true },
          }),
        }),
        {},
        undefined,
        { distributedMap: { objectStore: store, observer: seen.observer } },
      );
      expect(await run.execution.result).toMatchObject({
        status: 'FAILED',
        error: 'States.ExceedToleratedFailureThreshold',
      });
      const mapRun = seen.runs[0] as MapRun;
      const folder = `results/${mapRun.id}/`;
      const manifest = JSON.parse(store.read('out', `${folder}manifest.json`) ?? 'null');
      const size = (key: string) => Buffer.byteLength(store.read('out', key) ?? '');
      expect(manifest).toEqual({
        DestinationBucket: 'out',
        MapRunArn: mapRun.mapRunArn,
        ResultFiles: {
          FAILED: [{ Key: `${folder}FAILED_0.json`, Size: size(`${folder}FAILED_0.json`) }],
          PENDING: [{ Key: `${folder}PENDING_0.json`, Size: size(`${folder}PENDING_0.json`) }],
          SUCCEEDED: [
            { Key: `${folder}SUCCEEDED_0.json`, Size: size(`${folder}SUCCEEDED_0.json`) },
          ],
        },
      });
      const pending = JSON.parse(store.read('out', `${folder}PENDING_0.json`) ?? '[]');
      // The input each child would have had: after ItemSelector, indexes going on.
      expect(pending).toEqual([
        {
          Input: JSON.stringify({ value: { v: 3 }, index: 2 }),
          InputDetails: { Included: true },
          Status: 'PENDING',
        },
        {
          Input: JSON.stringify({ value: { v: 4 }, index: 3 }),
          InputDetails: { Included: true },
          Status: 'PENDING',
        },
      ]);
      // Every field of a pending entry is one a FAILED entry has, with the same meaning.
      const [failed] = JSON.parse(store.read('out', `${folder}FAILED_0.json`) ?? '[]');
      expect(failed).toMatchObject({ Status: 'FAILED', InputDetails: { Included: true } });
      for (const field of Object.keys(pending[0])) expect(failed).toHaveProperty(field);
      // The reader's items are all counted: two ran, two pending.
      expect(mapRun.describe().itemCounts).toMatchObject({
        total: 4,
        pending: 2,
        succeeded: 1,
        failed: 1,
      });
    });

    it('batched items are pending as the batches the children would have had', async () => {
      const store = await jsonItems([...ITEMS, { v: 5 }]);
      const seen = observed();
      const run = start(
        readerMap({
          ItemBatcher: { MaxItemsPerBatch: 2 },
          ItemProcessor: processor({
            Check: {
              Type: 'Choice',
              Choices: [{ Variable: '$.Items[1].fail', IsPresent: true, Next: 'F' }],
              Default: 'P',
            },
            F: { Type: 'Fail', Error: 'Bad' },
            P: { Type: 'Pass', End: true },
          }),
        }),
        {},
        undefined,
        { distributedMap: { objectStore: store, observer: seen.observer } },
      );
      expect(await run.execution.result).toMatchObject({ status: 'FAILED' });
      const folder = `results/${(seen.runs[0] as MapRun).id}/`;
      const pending = JSON.parse(store.read('out', `${folder}PENDING_0.json`) ?? '[]');
      expect(pending.map((entry: { Input: string }) => JSON.parse(entry.Input))).toEqual([
        { Items: [{ v: 3 }, { v: 4 }] },
        { Items: [{ v: 5 }] },
      ]);
    });

    it('an aborted run writes its stopped children as FAILED and the rest as PENDING', async () => {
      const store = new InMemoryObjectStore(['out']);
      const seen = observed();
      const run = start(
        {
          StartAt: 'M',
          States: {
            M: {
              Type: 'Map',
              MaxConcurrency: 1,
              ItemProcessor: processor({
                T: {
                  Type: 'Task',
                  Resource: 'arn:aws:lambda:us-east-1:111111111111:function:f',
                  End: true,
                },
              }),
              ResultWriter: {
                Resource: 'arn:aws:states:::s3:putObject',
                Parameters: { Bucket: 'out', Prefix: 'stopped/' },
              },
              End: true,
            },
          },
        },
        ['a', 'b', 'c'],
        (request) => untilAborted(request.signal),
        { distributedMap: { objectStore: store, observer: seen.observer } },
      );
      while (seen.started.length < 1) await new Promise((resolve) => setImmediate(resolve));
      run.execution.stop('Stop', 'stopped');
      expect(await run.execution.result).toMatchObject({ status: 'ABORTED' });
      const folder = `stopped/${(seen.runs[0] as MapRun).id}/`;
      const manifest = JSON.parse(store.read('out', `${folder}manifest.json`) ?? 'null');
      expect(manifest.ResultFiles).toEqual({
        FAILED: [{ Key: `${folder}FAILED_0.json`, Size: expect.any(Number) }],
        PENDING: [{ Key: `${folder}PENDING_0.json`, Size: expect.any(Number) }],
        SUCCEEDED: [],
      });
      const failed = JSON.parse(store.read('out', `${folder}FAILED_0.json`) ?? '[]');
      expect(failed).toEqual([expect.objectContaining({ Status: 'ABORTED', Input: '"a"' })]);
      const pending = JSON.parse(store.read('out', `${folder}PENDING_0.json`) ?? '[]');
      expect(pending.map((entry: { Input: string }) => entry.Input)).toEqual(['"b"', '"c"']);
    });

    it('a run that succeeds writes no PENDING file and lists none', async () => {
      const store = await jsonItems([{ v: 1 }, { v: 2 }]);
      const seen = observed();
      const run = start(readerMap({}), {}, undefined, {
        distributedMap: { objectStore: store, observer: seen.observer },
      });
      expect(await run.execution.result).toMatchObject({ status: 'SUCCEEDED' });
      const id = (seen.runs[0] as MapRun).id;
      expect(store.keys('out')).toEqual([
        `results/${id}/SUCCEEDED_0.json`,
        `results/${id}/manifest.json`,
      ]);
      const manifest = JSON.parse(store.read('out', `results/${id}/manifest.json`) ?? 'null');
      expect(manifest.ResultFiles.PENDING).toEqual([]);
    });
  });
});
