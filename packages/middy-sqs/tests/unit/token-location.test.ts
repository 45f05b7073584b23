import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { TaskTokenClient } from '@sfn-callback/task-token';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sqsCallbackHandler } from '../../src/index.js';
import {
  captureLogger,
  makeContext,
  makeEvent,
  makeRecord,
  makeToken,
  offlineSfnClient,
} from '../helpers.js';

const sfn = offlineSfnClient();
const sfnMock = mockClient(sfn);
beforeEach(() => {
  sfnMock.reset();
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(SendTaskFailureCommand).resolves({});
});

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
    const handler = sqsCallbackHandler(async (input) => seen.push(input), {
      client: sfn,
      logger: captureLogger().logger,
      tokenLocation: { from: 'body', tokenField: 'token', inputField: 'payload' },
    });
    await handler(
      makeEvent([makeRecord(JSON.stringify({ token, payload: { a: 1 } }))]),
      makeContext(),
    );
    expect(seen).toEqual([{ a: 1 }]);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.taskToken).toBe(token);
  });

  it('a message attribute, with the whole body as the input', async () => {
    const token = makeToken();
    const seen: unknown[] = [];
    const handler = sqsCallbackHandler(async (input) => seen.push(input), {
      client: sfn,
      logger: captureLogger().logger,
      tokenLocation: { from: 'messageAttribute', attributeName: 'taskToken' },
    });
    await handler(
      makeEvent([attributeRecord(JSON.stringify({ orderId: 'o-1' }), { taskToken: token })]),
      makeContext(),
    );
    expect(seen).toEqual([{ orderId: 'o-1' }]);
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.taskToken).toBe(token);
  });

  it('a missing attribute → batch item failure; a body that is not JSON → SendTaskFailure', async () => {
    const token = makeToken();
    const missing = attributeRecord('{}', {});
    const notJson = attributeRecord('hello', { TaskToken: token });
    const handler = sqsCallbackHandler(async () => 1, {
      client: sfn,
      logger: captureLogger().logger,
      tokenLocation: { from: 'messageAttribute' },
    });
    const response = await handler(makeEvent([missing, notJson]), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: missing.messageId }] });
    expect(sfnMock.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toMatchObject({
      taskToken: token,
      error: 'InvalidCallbackMessageError',
    });
  });
});

describe('client', () => {
  it('accepts a TaskTokenClient', async () => {
    const token = makeToken();
    const handler = sqsCallbackHandler(async () => 'x', {
      client: new TaskTokenClient({ client: sfn }),
      logger: captureLogger().logger,
    });
    await handler(
      makeEvent([makeRecord(JSON.stringify({ TaskToken: token, Input: 1 }))]),
      makeContext(),
    );
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
  });
});
