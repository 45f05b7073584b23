import { describe, expect, it } from 'vitest';
import { start } from './run.js';

const waitThenPass = (wait: object, top: object = {}) => ({
  ...top,
  StartAt: 'W',
  States: { W: { Type: 'Wait', ...wait, Next: 'After' }, After: { Type: 'Pass', End: true } },
});

async function outcome(definition: object, input: object) {
  const { execution } = start(definition, input as never);
  const result = await execution.result;
  const types = execution.history.map((event) => event.type);
  return { ...result, types };
}

describe('a Wait that would end past year 9999 fails its state, never the next one', () => {
  it('SecondsPath 1e300 is not a long value, as AWS words it for 1.5 (wait/test_base_wait_seconds_path_1.5)', async () => {
    const result = await outcome(waitThenPass({ SecondsPath: '$.s' }), { s: 1e300 });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter cannot be parsed as a long value: $.s == 1e+300",
    );
    expect(result.types).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionFailed']);
  });

  it('SecondsPath within a long but past 9999-12-31 fails with States.Runtime saying so', async () => {
    const result = await outcome(waitThenPass({ SecondsPath: '$.s' }), { s: 1e12 });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toContain(
      'The SecondsPath parameter cannot be used: the wait would end after 9999-12-31T23:59:59Z',
    );
    expect(result.types).not.toContain('PassStateEntered');
  });

  it('JSONata Seconds 1e300 is a QueryEvaluationError (an out-of-range JSONata value)', async () => {
    const result = await outcome(
      waitThenPass({ Seconds: '{% $states.input.s %}' }, { QueryLanguage: 'JSONata' }),
      { s: 1e300 },
    );
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toContain('The Seconds field cannot be used: the wait would end after');
    expect(result.types).toContain('EvaluationFailed');
  });

  it('a TimestampPath past year 9999 is not a timestamp AWS reads', async () => {
    const result = await outcome(waitThenPass({ TimestampPath: '$.t' }), {
      t: '10000-01-01T00:00:00Z',
    });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toContain(
      'The TimestampPath parameter does not reference a valid ISO-8601',
    );
  });

  it('the longest waits still run: 99999999 seconds and 9999-12-31T23:59:59Z', async () => {
    expect((await outcome(waitThenPass({ SecondsPath: '$.s' }), { s: 99999999 })).status).toBe(
      'SUCCEEDED',
    );
    expect(
      (await outcome(waitThenPass({ TimestampPath: '$.t' }), { t: '9999-12-31T23:59:59Z' })).status,
    ).toBe('SUCCEEDED');
  });
});
