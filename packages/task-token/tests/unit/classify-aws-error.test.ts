import { describe, expect, it } from 'vitest';
import { classifyAwsError } from '../../src/classify-aws-error.js';
import {
  TaskClosedError,
  TaskResponseRejectedError,
  TaskResponseTransientError,
} from '../../src/index.js';

const TOKEN = `AQCEAAAAKgAAAAMAAAAA${'t'.repeat(100)}`;
const sdkError = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { name, ...extra });

describe('classifyAwsError messages', () => {
  it('a refusal names the operation, the error, the status and that retrying will not help', () => {
    const error = classifyAwsError(
      sdkError('InvalidToken', `Invalid token ${TOKEN}`, { $metadata: { httpStatusCode: 400 } }),
      'SendTaskSuccess',
      TOKEN,
    );
    expect(error).toBeInstanceOf(TaskResponseRejectedError);
    expect(error.message).toMatch(
      /^SendTaskSuccess was refused \(InvalidToken, HTTP 400\): Invalid token AQCEAA…#[0-9a-f]{12}\. Retrying will not help\.$/,
    );
  });

  it('a transient failure names the code of a network error and says to try again later', () => {
    const error = classifyAwsError(
      sdkError('Error', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
      'SendTaskHeartbeat',
      TOKEN,
    );
    expect(error).toBeInstanceOf(TaskResponseTransientError);
    expect(error).toMatchObject({ awsErrorName: 'ECONNREFUSED' });
    expect(error.message).toBe(
      "SendTaskHeartbeat failed after the SDK's retries (ECONNREFUSED): connect ECONNREFUSED. Try again later.",
    );
  });

  it('a 5xx is transient and shows its status', () => {
    const error = classifyAwsError(
      sdkError('InternalFailure', 'Internal', { $metadata: { httpStatusCode: 503 } }),
      'SendTaskFailure',
      TOKEN,
    );
    expect(error).toBeInstanceOf(TaskResponseTransientError);
    expect(error.message).toContain('(InternalFailure, HTTP 503): Internal. Try again later.');
  });

  it('a closed task says why and to stop the work', () => {
    const error = classifyAwsError(sdkError('TaskTimedOut', 'Task Timed Out'), 'X', TOKEN);
    expect(error).toBeInstanceOf(TaskClosedError);
    expect(error.message).toMatch(
      /^The task is already closed \(TaskTimedOut\): .*; stop the work\.$/,
    );
  });
});
