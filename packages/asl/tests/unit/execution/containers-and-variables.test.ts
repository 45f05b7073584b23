import { describe, expect, it } from 'vitest';
import { StatesError } from '../../../src/index.js';
import { shape, start } from './run.js';

describe('Map and Parallel', () => {
  it('Map: one iteration per item with its $$.Map.Item, results in item order', async () => {
    const run = start(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            MaxConcurrency: 1,
            ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      { items: ['a', 'b'] },
    );
    expect(await run.execution.result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { value: 'a', index: 0 },
        { value: 'b', index: 1 },
      ],
    });
    expect(shape(run.execution.history)).toEqual([
      'ExecutionStarted',
      'MapStateEntered:Each',
      'MapStateStarted',
      'MapIterationStarted',
      'PassStateEntered:P',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapIterationStarted',
      'PassStateEntered:P',
      'PassStateExited',
      'MapIterationSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
    // Recorded chaining: the next iteration starts from the last event of the one before.
    const [first, second] = run.execution.history.filter((e) => e.type === 'MapIterationStarted');
    expect(second?.previousEventId).toBe((first?.id ?? 0) + 2);
  });

  it('Map: more failures than ToleratedFailureCount fail it with States.ExceedToleratedFailureThreshold', async () => {
    const definition = (tolerated: number) => ({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 1,
          ToleratedFailureCount: tolerated,
          ItemProcessor: {
            StartAt: 'T',
            States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
          },
          End: true,
        },
      },
    });
    const failOdd = async (request: { parameters: unknown }) => {
      if ((request.parameters as number) % 2) throw new StatesError('Odd', 'odd item');
      return request.parameters as number;
    };
    const tolerant = start(definition(1), [1, 2], failOdd as never);
    expect((await tolerant.execution.result).status).toBe('SUCCEEDED');
    const strict = start(definition(1), [1, 2, 3], failOdd as never);
    expect(await strict.execution.result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
    });
  });

  it('Parallel: one output per branch; a failing branch fails it with its own error', async () => {
    // State names are unique across the whole machine, branches included.
    const branch = (name: string, result: unknown) => ({
      StartAt: name,
      States: { [name]: { Type: 'Pass', Result: result, End: true } },
    });
    const ok = start({
      StartAt: 'Both',
      States: {
        Both: { Type: 'Parallel', Branches: [branch('One', 1), branch('Two', 'two')], End: true },
      },
    });
    expect(await ok.execution.result).toEqual({ status: 'SUCCEEDED', output: [1, 'two'] });
    const failing = start({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            branch('One', 1),
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Broken', Cause: 'b' } } },
          ],
          End: true,
        },
      },
    });
    expect(await failing.execution.result).toEqual({
      status: 'FAILED',
      error: 'Broken',
      cause: 'b',
    });
    expect(failing.execution.history.map((e) => e.type)).toContain('ParallelStateFailed');
  });
});

describe('variables', () => {
  it('inner scopes read outer variables; their own assignments die with the Map', async () => {
    const run = start({
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { greeting: 'hello' }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: '{% [1, 2] %}',
          ItemProcessor: {
            StartAt: 'Inner',
            States: {
              Inner: {
                Type: 'Pass',
                Assign: { inner: '{% $states.input %}' },
                Output: '{% $greeting & " " & $string($states.input) %}',
                End: true,
              },
            },
          },
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% $exists($inner) %}', End: true },
      },
    });
    const result = await run.execution.result;
    expect(result).toEqual({ status: 'SUCCEEDED', output: false });
    const mapOutput = run.execution.history.find((e) => e.type === 'MapStateExited');
    expect(JSON.parse(mapOutput?.stateExitedEventDetails?.output ?? 'null')).toEqual([
      'hello 1',
      'hello 2',
    ]);
  });

  it('Assign sees the values of state entry, not the ones it assigns', async () => {
    const run = start({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: {
          Type: 'Pass',
          Assign: { x: '{% $x + 1 %}', y: '{% $x %}' },
          Output: '{% $x %}',
          Next: 'C',
        },
        C: { Type: 'Pass', Output: { x: '{% $x %}', y: '{% $y %}' }, End: true },
      },
    });
    expect(await run.execution.result).toEqual({ status: 'SUCCEEDED', output: { x: 2, y: 1 } });
  });
});

describe('not supported locally', () => {
  it('an ItemReader without an object store fails with States.ItemReaderFailed', async () => {
    const reader = start({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            Parameters: { Bucket: 'b', Key: 'k' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    });
    expect(await reader.execution.result).toMatchObject({
      status: 'FAILED',
      error: 'States.ItemReaderFailed',
      cause: expect.stringMatching(/No object store was given.*distributedMap\.objectStore/),
    });
  });
});
