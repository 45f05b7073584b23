import { TaskResponseTransientError } from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import { describeError, logAttributes, safeMessage } from '../../src/log-attributes.js';
import { makeRecord, makeToken } from '../support/sqs-records.js';

const token = makeToken();

describe('log attributes', () => {
  it('a record: its message id and the token redacted; an error only when given', () => {
    const record = makeRecord('{}');
    const attributes = logAttributes(record, token);
    expect(attributes).toEqual({
      messageId: record.messageId,
      token: expect.stringContaining('…#'),
    });
    expect(JSON.stringify(attributes)).not.toContain(token);
    expect(logAttributes(record, token, new Error('x'))).toHaveProperty('error.message', 'x');
  });

  it('an error: name, message with the token scrubbed, a string code; no stack', () => {
    const error = Object.assign(new TypeError(`bad token ${token}`), { code: 'E_BAD' });
    const described = describeError(error, token);
    expect(described).toEqual({ name: 'TypeError', message: expect.any(String), code: 'E_BAD' });
    expect(described.message).not.toContain(token);
    expect(JSON.stringify(described)).not.toContain('at ');
  });

  it('a task-token error says whether it is retryable', () => {
    const error = new TaskResponseTransientError('throttled', 'ThrottlingException');
    expect(describeError(error, token)).toMatchObject({
      name: 'TaskResponseTransientError',
      code: 'TaskResponseTransient',
      retryable: true,
    });
  });

  it('a thrown non-Error is a NonError with its text', () => {
    expect(describeError({ reason: token }, token)).toEqual({
      name: 'NonError',
      message: expect.not.stringContaining(token),
    });
    expect(safeMessage('plain text', undefined)).toBe('plain text');
  });
});
