import { describe, expect, it } from 'vitest';
import {
  compareHistory,
  compareJson,
  compareOutcome,
  formatDifference,
} from '../../../conformance/compare.ts';
import type { RecordedEvent } from '../../../conformance/load-cases.ts';
import { Bindings, matchTokens } from '../../../conformance/placeholders.ts';
import type { JsonObject } from '../../../src/json.ts';

describe('placeholders', () => {
  it('treats a whole-value token as a wildcard and binds it', () => {
    const bindings = new Bindings();
    expect(matchTokens('<uuid:1>', 'abc', bindings)).toEqual({ ok: true });
    expect(matchTokens('<uuid:1>', 'abc', bindings)).toEqual({ ok: true });
    expect(matchTokens('<uuid:1>', 'other', bindings).ok).toBe(false);
  });

  it('binds the nested <<task_token>:1> token like any other', () => {
    const bindings = new Bindings();
    expect(
      compareJson(
        { a: '<<task_token>:1>', b: '<<task_token>:1>' },
        { a: 't1', b: 't1' },
        '',
        bindings,
      ),
    ).toBeUndefined();
    expect(
      compareJson(
        { a: '<<task_token>:1>', b: '<<task_token>:1>' },
        { a: 't1', b: 't2' },
        '',
        new Bindings(),
      )?.path,
    ).toBe('b');
  });

  it('matches tokens inside longer strings, consistently', () => {
    const bindings = new Bindings();
    expect(
      compareJson(
        'arn:<partition>:iam::111111111111:role/<resource:1>',
        'arn:aws:iam::111111111111:role/sfn-test-role',
        'roleArn',
        bindings,
      ),
    ).toBeUndefined();
    expect(bindings.get('<resource:1>')).toBe('sfn-test-role');
    expect(bindings.get('<partition>')).toBe('aws');
    expect(compareJson('role/<resource:1>', 'role/other', 'x', bindings)?.message).toContain(
      'does not match',
    );
  });

  it('lets bare words match anything, also embedded distinctive ones', () => {
    const bindings = new Bindings();
    expect(
      compareJson({ t: 'timestamp', d: 'date' }, { t: 1, d: '2024-01-01' }, '', bindings),
    ).toBeUndefined();
    expect(compareJson('stateExitedEventDetails.output', { any: 1 }, '', bindings)).toBeUndefined();
    expect(
      compareJson(
        'arn:<partition>:lambda:<region>:111111111111:function:lambda_function_name',
        'arn:aws:lambda:us-east-1:111111111111:function:fn_u0001',
        '',
        bindings,
      ),
    ).toBeUndefined();
  });

  it('matches a replayed placeholder against itself without binding it', () => {
    const bindings = new Bindings();
    expect(compareJson('<task_token:1>', '<task_token:1>', '', bindings)).toBeUndefined();
    expect(compareJson('<task_token:1>', 'real-token', '', bindings)).toBeUndefined();
  });
});

describe('compareJson', () => {
  it('reports the first difference with a readable path', () => {
    const difference = compareJson(
      { a: [1, { 'b c': 2 }] },
      { a: [1, { 'b c': 3 }] },
      'output',
      new Bindings(),
    );
    expect(difference).toMatchObject({ path: 'output.a[1]["b c"]', expected: 2, actual: 3 });
    expect(difference && formatDifference(difference)).toBe(
      'output.a[1]["b c"]: expected 2, actual 3',
    );
  });

  it('reports missing and extra keys, and array lengths', () => {
    expect(compareJson({ a: 1 }, {}, 'o', new Bindings())).toMatchObject({
      path: 'o.a',
      message: 'missing',
    });
    expect(compareJson({}, { a: 1 }, 'o', new Bindings())).toMatchObject({
      path: 'o.a',
      message: 'not recorded',
    });
    expect(compareJson([1], [1, 2], 'o', new Bindings())).toMatchObject({ path: 'o[1]' });
  });

  it('ignores SDK metadata and Lambda runtime details', () => {
    expect(
      compareJson(
        { Payload: 1, SdkHttpMetadata: { x: 1 }, stackTrace: ['a'] },
        { Payload: 1, requestId: 'r', LogResult: 'l' },
        '',
        new Bindings(),
      ),
    ).toBeUndefined();
  });
});

const event = (
  id: number | number[],
  previousEventId: number,
  type: string,
  details?: object,
): RecordedEvent =>
  ({ id, previousEventId, type, timestamp: 'timestamp', ...(details ?? {}) }) as RecordedEvent;

describe('compareHistory', () => {
  it('parses JSON text on both sides and ignores timestamps', () => {
    const expected = [
      event(1, 0, 'ExecutionStarted', {
        executionStartedEventDetails: { input: { a: 1 }, inputDetails: { truncated: false } },
      }),
      event(2, 1, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: '[1,2]' } }),
    ];
    const actual: JsonObject[] = [
      {
        id: 1,
        previousEventId: 0,
        type: 'ExecutionStarted',
        timestamp: '2024',
        executionStartedEventDetails: { input: '{"a":1}', inputDetails: { truncated: false } },
      },
      {
        id: 2,
        previousEventId: 1,
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: '[1, 2]' },
      },
    ];
    expect(compareHistory(expected, actual, new Bindings())).toBeUndefined();
  });

  it('parses assigned variables, each JSON text', () => {
    const expected = [
      event(1, 0, 'PassStateExited', {
        stateExitedEventDetails: { assignedVariables: { x: { a: 1 }, y: '"date"' } },
      }),
    ];
    const actual: JsonObject[] = [
      {
        id: 1,
        previousEventId: 0,
        type: 'PassStateExited',
        stateExitedEventDetails: { assignedVariables: { x: '{"a":1}', y: '"2024-01-01"' } },
      },
    ];
    expect(compareHistory(expected, actual, new Bindings())).toBeUndefined();
  });

  it('names the event, field and nested path of the first difference', () => {
    const expected = [
      event(1, 0, 'TaskScheduled', {
        taskScheduledEventDetails: { parameters: { QueueUrl: 'q1' } },
      }),
    ];
    const actual: JsonObject[] = [
      {
        id: 1,
        previousEventId: 0,
        type: 'TaskScheduled',
        taskScheduledEventDetails: { parameters: '{"QueueUrl":"q2"}' },
      },
    ];
    expect(compareHistory(expected, actual, new Bindings())?.path).toBe(
      'history[0].taskScheduledEventDetails.parameters.QueueUrl',
    );
  });

  it('checks ids and previous ids, and the history length', () => {
    const expected = [event(1, 0, 'ExecutionStarted'), event(2, 1, 'PassStateEntered')];
    expect(
      compareHistory(
        expected,
        [
          { id: 1, previousEventId: 0, type: 'ExecutionStarted' },
          { id: 2, previousEventId: 0, type: 'PassStateEntered' },
        ],
        new Bindings(),
      )?.path,
    ).toBe('history[1].previousEventId');
    expect(
      compareHistory(
        expected,
        [{ id: 1, previousEventId: 0, type: 'ExecutionStarted' }],
        new Bindings(),
      )?.message,
    ).toContain('ends here');
  });

  it('compares a sorted Parallel window as a set without ids', () => {
    const expected = [
      event(1, 0, 'ParallelStateStarted'),
      event([0], 0, 'PassStateEntered', { stateEnteredEventDetails: { name: 'A' } }),
      event([0], 0, 'PassStateEntered', { stateEnteredEventDetails: { name: 'B' } }),
      event(5, 3, 'ParallelStateExited'),
    ];
    const actual: JsonObject[] = [
      { id: 1, previousEventId: 0, type: 'ParallelStateStarted' },
      {
        id: 2,
        previousEventId: 1,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'B' },
      },
      {
        id: 3,
        previousEventId: 1,
        type: 'PassStateEntered',
        stateEnteredEventDetails: { name: 'A' },
      },
      { id: 4, previousEventId: 3, type: 'ParallelStateSucceeded' },
      { id: 5, previousEventId: 4, type: 'ParallelStateExited' },
    ];
    expect(compareHistory(expected, actual, new Bindings())).toBeUndefined();
    const wrong: JsonObject[] = actual.map((e) =>
      e.id === 2 ? { ...e, stateEnteredEventDetails: { name: 'C' } } : e,
    );
    expect(compareHistory(expected, wrong, new Bindings())?.path).toBe('history[2]');
  });
});

describe('compareOutcome', () => {
  it('compares status, output, error and cause (parsed when a JSON object), with bindings shared with the history', () => {
    const testCase = {
      kind: 'execution' as const,
      expected: {
        status: 'FAILED',
        output: null,
        error: 'Exception',
        cause: { errorMessage: 'boom', requestId: '<uuid:1>' },
        history: [
          event(1, 0, 'ExecutionFailed', {
            executionFailedEventDetails: {
              cause: { errorMessage: 'boom', requestId: '<uuid:1>' },
              error: 'Exception',
            },
          }),
        ],
      },
    };
    const cause = JSON.stringify({ errorMessage: 'boom', requestId: 'r-1' });
    const history = [
      {
        id: 1,
        previousEventId: 0,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { cause, error: 'Exception' },
      },
    ];
    expect(
      compareOutcome(testCase, { status: 'FAILED', error: 'Exception', cause, history }),
    ).toEqual([]);
    expect(compareOutcome(testCase, { status: 'SUCCEEDED', output: 1 })[0]?.path).toBe('status');
    expect(
      compareOutcome(testCase, { status: 'FAILED', error: 'Other', cause }, { all: true }).map(
        (d) => d.path,
      ),
    ).toEqual(['error', 'history[0]', 'history[0]']);
  });
});
