import { describe, expect, it } from 'vitest';
import { InvalidCallbackMessageError, parseCallbackMessage } from '../../src/index.js';

const TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAtokenbody';

describe('parseCallbackMessage', () => {
  it('reads the token and input of the envelope the construct sends', () => {
    const body = JSON.stringify({ TaskToken: TOKEN, Input: { orderId: 'o-1' } });
    expect(parseCallbackMessage(body)).toEqual({
      ok: true,
      token: TOKEN,
      input: { orderId: 'o-1' },
    });
  });

  it('keeps a null input as null', () => {
    expect(parseCallbackMessage(JSON.stringify({ TaskToken: TOKEN, Input: null }))).toMatchObject({
      ok: true,
      input: null,
    });
  });

  it('reads custom field names', () => {
    const body = JSON.stringify({ token: TOKEN, payload: [1] });
    expect(parseCallbackMessage(body, { tokenField: 'token', inputField: 'payload' })).toEqual({
      ok: true,
      token: TOKEN,
      input: [1],
    });
  });

  it.each([
    ['an empty body', '', 'empty'],
    ['a blank body', '  \n', 'empty'],
    ['a body that is not JSON', 'hello', 'not-json'],
    ['truncated JSON', '{"TaskToken": "ab', 'not-json'],
    ['a JSON array', '[1,2]', 'not-an-object'],
    ['a JSON string', '"text"', 'not-an-object'],
    ['JSON null', 'null', 'not-an-object'],
    ['no token', '{"Input":{}}', 'token-missing'],
    ['a numeric token', '{"TaskToken":5,"Input":{}}', 'token-invalid'],
    ['an empty token', '{"TaskToken":"","Input":{}}', 'token-invalid'],
    [
      'a token over 2048 characters',
      JSON.stringify({ TaskToken: 'x'.repeat(2049), Input: {} }),
      'token-invalid',
    ],
  ])('refuses %s (%s), with no token to fail', (_label, body, reason) => {
    const result = parseCallbackMessage(body);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(InvalidCallbackMessageError);
    expect(result.error.reason).toBe(reason);
    expect(result.error.retryable).toBe(false);
    expect(result.token).toBeUndefined();
  });

  it('gives the token back when only the input is missing, so the task can be failed', () => {
    const result = parseCallbackMessage(JSON.stringify({ TaskToken: TOKEN }));
    expect(result).toMatchObject({ ok: false, token: TOKEN, error: { reason: 'input-missing' } });
    if (!result.ok) expect(result.error.message).not.toContain(TOKEN);
  });

  it('says what to send in its messages', () => {
    const result = parseCallbackMessage('{"Input":1}');
    expect(!result.ok && result.error.message).toContain('"TaskToken.$": "$$.Task.Token"');
    const noInput = parseCallbackMessage(JSON.stringify({ TaskToken: TOKEN }));
    expect(!noInput.ok && noInput.error.message).toContain('"Input.$": "$"');
  });

  it.each([
    ['', 'is empty'],
    ['hello', 'is not JSON ('],
    ['[1,2]', 'is a JSON array'],
    ['null', 'is a JSON null'],
    ['"text"', 'is a JSON string'],
  ])(
    'says what is wrong with the body %j and the shape to send, with its field names',
    (body, problem) => {
      const result = parseCallbackMessage(body, { tokenField: 'token', inputField: 'payload' });
      expect(!result.ok && result.error.message).toContain(`The message body ${problem}`);
      expect(!result.ok && result.error.message).toContain(
        'send a JSON object with "token" and "payload"',
      );
    },
  );

  it('names the token field and what is wrong with its value', () => {
    const result = parseCallbackMessage('{"TaskToken":5,"Input":{}}');
    expect(!result.ok && result.error.message).toMatch(
      /^The message's "TaskToken" must be a string, got number\. Pass the "\$\$\.Task\.Token"/,
    );
  });

  describe('correlation fields', () => {
    const ARN = 'arn:aws:states:us-east-1:123456789012:execution:Machine:run-1';

    it('reads ExecutionArn and StateName when the message carries them', () => {
      const body = JSON.stringify({
        TaskToken: TOKEN,
        Input: {},
        ExecutionArn: ARN,
        StateName: 'Start Task And Wait For Callback',
      });
      expect(parseCallbackMessage(body)).toEqual({
        ok: true,
        token: TOKEN,
        input: {},
        executionArn: ARN,
        stateName: 'Start Task And Wait For Callback',
      });
    });

    it('parses an older message without them, with no correlation keys at all', () => {
      const result = parseCallbackMessage(JSON.stringify({ TaskToken: TOKEN, Input: 1 }));
      expect(result.ok).toBe(true);
      expect(Object.keys(result).sort()).toEqual(['input', 'ok', 'token']);
    });

    it('ignores correlation fields that are not strings instead of refusing the message', () => {
      const body = JSON.stringify({ TaskToken: TOKEN, Input: 1, ExecutionArn: 5, StateName: 'S' });
      expect(parseCallbackMessage(body)).toEqual({
        ok: true,
        token: TOKEN,
        input: 1,
        stateName: 'S',
      });
    });

    it('keeps them when only the input is missing, so the failure can be correlated', () => {
      const result = parseCallbackMessage(JSON.stringify({ TaskToken: TOKEN, ExecutionArn: ARN }));
      expect(result).toMatchObject({ ok: false, token: TOKEN, executionArn: ARN });
    });

    it('the JSONPath and JSONata envelopes fill them from the context object', async () => {
      const { CALLBACK_MESSAGE_JSONPATH, CALLBACK_MESSAGE_JSONATA } = await import(
        '../../src/index.js'
      );
      expect(CALLBACK_MESSAGE_JSONPATH).toMatchObject({
        'ExecutionArn.$': '$$.Execution.Id',
        'StateName.$': '$$.State.Name',
      });
      expect(CALLBACK_MESSAGE_JSONATA).toMatchObject({
        ExecutionArn: '{% $states.context.Execution.Id %}',
        StateName: '{% $states.context.State.Name %}',
      });
    });
  });
});
