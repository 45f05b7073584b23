import { afterEach, describe, expect, it } from 'vitest';
import { JSONATA_BOUNDS } from '../../../src/jsonata/evaluation-bounds.js';
import { run as runTestState } from '../test-state/helpers.js';
import { start } from './run.js';

const defaults = { ...JSONATA_BOUNDS };
afterEach(() => Object.assign(JSONATA_BOUNDS, defaults));

const LOOP = '($f := function($x){ $f($x + 1) }; $f(1))';
const definition = (expression: string) => ({
  QueryLanguage: 'JSONata',
  StartAt: 'Loop',
  States: {
    Loop: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'f', Payload: { v: `{% ${expression} %}` } },
      Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Caught' }],
      End: true,
    },
    Caught: { Type: 'Pass', End: true },
  },
});

describe('a runaway JSONata expression', () => {
  it('fails its state in an execution with a catchable States.QueryEvaluationError', async () => {
    JSONATA_BOUNDS.maxMillis = 200;
    const { execution } = start({
      QueryLanguage: 'JSONata',
      StartAt: 'Loop',
      States: { Loop: { Type: 'Pass', Output: { v: `{% ${LOOP} %}` }, End: true } },
    });
    const result = await execution.result;
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toContain('Expression evaluation timeout: Check for infinite loop');
    const types = execution.history.map((event) => event.type);
    expect(types).toContain('EvaluationFailed');
    expect(types.at(-1)).toBe('ExecutionFailed');
  });

  it('a huge range is refused and a Catch on States.QueryEvaluationError takes it', async () => {
    const { execution } = start(definition('[1..10000000] ~> $count()'));
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({
      Error: 'States.QueryEvaluationError',
      Cause:
        "An error occurred while executing the state 'Loop' (entered at the event id #2). The JSONata expression '[1..10000000] ~> $count()' specified for the field 'Arguments/Payload/v' threw an error during evaluation: Expression evaluation memory limit exceeded: Check for excessive memory usage",
    });
  });

  it('ends a TestState call with States.QueryEvaluationError, not a hang', async () => {
    // The evaluation pauses for the event loop every 20 ms; the virtual clock must not take
    // those pauses for idleness and fire TestState's five-minute States.Timeout.
    JSONATA_BOUNDS.maxMillis = 200;
    const response = await runTestState({
      definition: JSON.stringify({ QueryLanguage: 'JSONata', ...definition(LOOP).States.Loop }),
      mock: { result: '{}' },
    });
    expect(response.error).toBe('States.QueryEvaluationError');
    expect(response.cause).toContain('Expression evaluation timeout: Check for infinite loop');

    // The depth bound, with the default 5 s time bound: under load, 200 ms could run out first.
    Object.assign(JSONATA_BOUNDS, defaults);
    const deep = await runTestState({
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        Type: 'Pass',
        Output: '{% ($f := function($x){ 1 + $f($x + 1) }; $f(1)) %}',
        End: true,
      }),
    });
    expect(deep.status).toBe('FAILED');
    expect(deep.cause).toContain(
      'Stack overflow error: Check for non-terminating recursive function.',
    );
  });
});
