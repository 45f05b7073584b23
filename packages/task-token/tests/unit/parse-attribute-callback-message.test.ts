import { describe, expect, it } from 'vitest';
import {
  InvalidCallbackMessageError,
  parseAttributeCallbackMessage,
  TASK_TOKEN_MAX_LENGTH,
} from '../../src/index.js';

const TOKEN = `AQCEAAAAKgAAAAMAAAAA${'t'.repeat(100)}`;
const withAttribute = (body: string, name: string, value: string | undefined) => ({
  body,
  messageAttributes: value === undefined ? {} : { [name]: { stringValue: value } },
});

describe('parseAttributeCallbackMessage', () => {
  it('reads the token from the attribute and the whole JSON body as the input', () => {
    expect(parseAttributeCallbackMessage(withAttribute('{"a":1}', 'TaskToken', TOKEN))).toEqual({
      ok: true,
      token: TOKEN,
      input: { a: 1 },
    });
  });

  it('reads another attribute when told', () => {
    const parsed = parseAttributeCallbackMessage(withAttribute('[1]', 'token', TOKEN), {
      attributeName: 'token',
    });
    expect(parsed).toEqual({ ok: true, token: TOKEN, input: [1] });
  });

  it('no attribute: token-missing, no token to fail the task with', () => {
    const parsed = parseAttributeCallbackMessage({ body: '{}' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toBeInstanceOf(InvalidCallbackMessageError);
    expect(parsed.error.reason).toBe('token-missing');
    expect(parsed.error.message).toContain('The message attribute "TaskToken" must be a string');
    expect(parsed).not.toHaveProperty('token');
  });

  it('a malformed token: token-invalid, and the message does not hold it', () => {
    const tooLong = 'x'.repeat(TASK_TOKEN_MAX_LENGTH + 1);
    const parsed = parseAttributeCallbackMessage(withAttribute('{}', 'TaskToken', tooLong));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.reason).toBe('token-invalid');
    expect(parsed.error.message).toContain(`has ${tooLong.length} characters`);
    expect(parsed.error.message).not.toContain(tooLong);
    expect(parsed).not.toHaveProperty('token');
  });

  it('a valid token but a body that is not JSON: not-json, with the token (to fail the task)', () => {
    const parsed = parseAttributeCallbackMessage(withAttribute('not json', 'TaskToken', TOKEN));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.reason).toBe('not-json');
    expect(parsed.error.message).toMatch(
      /^The message body is not JSON \(.+\); the body must be the input as JSON\.$/,
    );
    expect(parsed.token).toBe(TOKEN);
    expect(parsed.error.message).not.toContain(TOKEN);
  });
});
