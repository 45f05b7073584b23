import { TaskTokenClient } from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import { handlerWithTestDefaults } from '../support/handler-with-test-defaults.js';
import { makeContext } from '../support/lambda-context.js';
import { makeEvent, makeRecord, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions } from '../support/step-functions-mock.js';

const { client: sfn, successInputs, failureInputs } = mockStepFunctions();
const callbackHandler = handlerWithTestDefaults(sfn);

function attributeRecord(body: string, attributes: Record<string, string>) {
  return makeRecord(body, {
    messageAttributes: Object.fromEntries(
      Object.entries(attributes).map(([name, value]) => [
        name,
        { stringValue: value, dataType: 'String', stringListValues: [], binaryListValues: [] },
      ]),
    ),
  });
}

describe('token location', () => {
  it('custom body fields', async () => {
    const token = makeToken();
    const seen: unknown[] = [];
    const handler = callbackHandler(async (input) => seen.push(input), {
      tokenLocation: { from: 'body', tokenField: 'token', inputField: 'payload' },
    });
    await handler(
      makeEvent([makeRecord(JSON.stringify({ token, payload: { a: 1 } }))]),
      makeContext(),
    );
    expect(seen).toEqual([{ a: 1 }]);
    expect(successInputs()[0]?.taskToken).toBe(token);
  });

  it('a message attribute, with the whole body as the input', async () => {
    const token = makeToken();
    const seen: unknown[] = [];
    const handler = callbackHandler(async (input) => seen.push(input), {
      tokenLocation: { from: 'messageAttribute', attributeName: 'taskToken' },
    });
    await handler(
      makeEvent([attributeRecord(JSON.stringify({ orderId: 'o-1' }), { taskToken: token })]),
      makeContext(),
    );
    expect(seen).toEqual([{ orderId: 'o-1' }]);
    expect(successInputs()[0]?.taskToken).toBe(token);
  });

  it('a missing attribute → batch item failure; a body that is not JSON → SendTaskFailure', async () => {
    const token = makeToken();
    const missing = attributeRecord('{}', {});
    const notJson = attributeRecord('hello', { TaskToken: token });
    const handler = callbackHandler(async () => 1, { tokenLocation: { from: 'messageAttribute' } });
    const response = await handler(makeEvent([missing, notJson]), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: missing.messageId }] });
    expect(failureInputs()[0]).toMatchObject({
      taskToken: token,
      error: 'InvalidCallbackMessageError',
    });
  });
});

describe('client', () => {
  it('accepts a TaskTokenClient', async () => {
    const token = makeToken();
    const handler = callbackHandler(async () => 'x', {
      client: new TaskTokenClient({ client: sfn }),
    });
    await handler(
      makeEvent([makeRecord(JSON.stringify({ TaskToken: token, Input: 1 }))]),
      makeContext(),
    );
    expect(successInputs()).toHaveLength(1);
  });
});
