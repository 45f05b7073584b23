import {
  TaskClosedError,
  TaskResponseRejectedError,
  TaskResponseTransientError,
  type TaskTokenClient,
} from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import type { RecordNotProcessedError } from '../../src/errors.js';
import { resolveOptions } from '../../src/options.js';
import type { RecordContext } from '../../src/record-context.js';
import { createRecordFailures } from '../../src/record-failures.js';
import { captureLogger } from '../support/log-capture.js';
import { makeRecord, makeToken } from '../support/sqs-records.js';

/** The failures of a processor whose client must not be called (none of these cases calls it). */
function failures() {
  const log = captureLogger();
  const client = {
    fail: () => {
      throw new Error('SendTaskFailure must not be called here');
    },
  } as unknown as TaskTokenClient;
  return { log, ...createRecordFailures(client, resolveOptions({ logger: log.logger })) };
}

const record = makeRecord('{}');

describe('a SendTaskSuccess that did not go through', () => {
  it('transient: a warning that the record comes again; the reason is the task-token message, once', async () => {
    const { log, fromSucceedError } = failures();
    const error = new TaskResponseTransientError(
      "SendTaskSuccess failed after the SDK's retries (ThrottlingException, HTTP 400): Rate exceeded. Try again later.",
      'ThrottlingException',
    );
    const outcome = await fromSucceedError(record, makeToken(), error);
    expect(outcome.status).toBe('not-processed');
    const reason = (outcome as { error: RecordNotProcessedError }).error;
    expect(reason.reason).toBe('task-response-transient');
    expect(reason.message).toBe(error.message);
    expect(reason.cause).toBe(error);
    const [entry] = log.entries();
    expect(entry).toMatchObject({
      level: 'WARN',
      message: 'SendTaskSuccess did not get through; the record will be delivered again',
    });
  });

  it('refused: an error-level line that says the record will reach the DLQ', async () => {
    const { log, fromSucceedError } = failures();
    const error = new TaskResponseRejectedError(
      'SendTaskSuccess was refused (InvalidToken, HTTP 400): Invalid Token. Retrying will not help.',
      'InvalidToken',
    );
    const outcome = await fromSucceedError(record, makeToken(), error);
    expect((outcome as { error: RecordNotProcessedError }).error.reason).toBe(
      'task-response-rejected',
    );
    expect(log.entries()[0]).toMatchObject({
      level: 'ERROR',
      message:
        'SendTaskSuccess was refused by Step Functions; the record will be delivered again, then reach the DLQ',
    });
  });

  it('anything else: "failed unexpectedly", with the token scrubbed from the reason and the log', async () => {
    const { log, fromSucceedError } = failures();
    const token = makeToken();
    const outcome = await fromSucceedError(record, token, new Error(`socket hang up for ${token}`));
    const reason = (outcome as { error: RecordNotProcessedError }).error;
    expect(reason.reason).toBe('unexpected');
    expect(reason.message).toMatch(/^SendTaskSuccess failed unexpectedly: socket hang up for /);
    expect(reason.message).not.toContain(token);
    expect(log.lines.join('\n')).not.toContain(token);
  });
});

describe('a record that could not start', () => {
  it('is a batch item failure with the reason time-running-out, and one warning', () => {
    const { log, notStarted } = failures();
    const outcome = notStarted(record);
    expect((outcome as { error: RecordNotProcessedError }).error).toMatchObject({
      reason: 'time-running-out',
      messageId: record.messageId,
    });
    expect(log.entries()).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'not started: Lambda time nearly out; the record will be delivered again',
      }),
    ]);
  });
});

describe('an error thrown by the function after its task was found closed', () => {
  it('is "already closed" (no SendTaskFailure), logged as closed while the function ran', async () => {
    const { log, fromFunctionError } = failures();
    const context = { abortReason: new TaskClosedError('TaskTimedOut') } as RecordContext;
    const outcome = await fromFunctionError(record, makeToken(), context, new Error('aborted'));
    expect(outcome).toEqual({ status: 'already-closed', reason: 'TaskTimedOut' });
    expect(log.entries()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'task already closed while the function ran; record done',
        reason: 'TaskTimedOut',
      }),
    ]);
  });
});
